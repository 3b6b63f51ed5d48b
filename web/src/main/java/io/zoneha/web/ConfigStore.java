package io.zoneha.web;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The node's cluster.yaml on disk during an apply: a new version is first written next to it
 * ({@code cluster.yaml.staged}, synced), then installed by an atomic rename, the old file kept as
 * {@code cluster.yaml.previous}. A crash between the two steps leaves the old file in place.
 * Blocking: call from a worker.
 */
public final class ConfigStore {
  private final Path file;

  public ConfigStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  public Path file() {
    return file;
  }

  Path staged() {
    return file.resolveSibling(file.getFileName() + ".staged");
  }

  Path previous() {
    return file.resolveSibling(file.getFileName() + ".previous");
  }

  void stage(String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".staging");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(tmp, staged(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Installs the staged file; returns its text. */
  String commit() throws IOException {
    String text = Files.readString(staged());
    if (Files.exists(file)) {
      Files.copy(file, previous(), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(staged(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return text;
  }

  void abort() throws IOException {
    Files.deleteIfExists(staged());
  }

  boolean hasStaged() {
    return Files.exists(staged());
  }
}
