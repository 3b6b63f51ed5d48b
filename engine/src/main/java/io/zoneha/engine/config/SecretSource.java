package io.zoneha.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds the cluster secret: inline ({@code secret}) or in a file ({@code secretFile}, relative
 * paths against the directory of cluster.yaml). No message ever contains the secret itself.
 */
final class SecretSource {
  /** A secret file this large is almost certainly the wrong file. */
  static final long MAX_SECRET_FILE_BYTES = 64 * 1024;

  private final Path baseDir;
  private final Problems problems;

  SecretSource(Path baseDir, Problems problems) {
    this.baseDir = baseDir;
    this.problems = problems;
  }

  /** The secret, or "" with a problem. */
  String resolve(Fields cluster) {
    boolean inline = cluster.has("secret");
    boolean fromFile = cluster.has("secretFile");
    if (inline && fromFile) {
      problems.add(cluster.pathOf("secretFile"), "give either secret or secretFile, not both");
      return "";
    }
    if (inline) {
      return cluster.optString("secret").orElse("");
    }
    if (fromFile) {
      return read(cluster.optString("secretFile").orElse(""), cluster.pathOf("secretFile"));
    }
    problems.add(cluster.pathOf("secret"), "required (or give secretFile)");
    return "";
  }

  private String read(String file, String path) {
    Path p = baseDir.resolve(file);
    try {
      if (Files.size(p) > MAX_SECRET_FILE_BYTES) {
        problems.add(path, "'" + p + "' is larger than " + MAX_SECRET_FILE_BYTES / 1024 + " KiB; is it the right file?");
        return "";
      }
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      problems.add(path, "file '" + p + "' does not exist");
    } catch (IOException | SecurityException e) {
      // the exception text names only the file and the reason, never file content
      problems.add(path, "cannot read '" + p + "': " + e.getClass().getSimpleName());
    }
    return "";
  }
}
