package io.zoneha.resources.exec;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A named pipe that carries a script's output to ZoneHA. Why not the JVM's own process pipe: the
 * JVM closes that pipe as soon as the shell exits, and a program the script left running in the
 * background (a daemon started with '&' that still writes to the inherited output) then dies of
 * SIGPIPE on its next log line. A pipe that ZoneHA reads until every writer is gone keeps such
 * programs alive; its reader just keeps logging their lines under the usual cap.
 */
final class OutputFifo {
  private static final AtomicLong SEQ = new AtomicLong();

  private final Path path;

  private OutputFifo(Path path) {
    this.path = path;
  }

  /** Creates the pipe with mkfifo(1) in {@code dir} (blocking, a short-lived process). */
  static OutputFifo create(Path dir, String mkfifo) throws IOException {
    Path p = dir.resolve("out-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet());
    Process mk = new ProcessBuilder(mkfifo, "-m", "600", p.toString())
        .redirectErrorStream(true).start();
    try {
      if (!mk.waitFor(10, TimeUnit.SECONDS)) {
        mk.destroyForcibly();
        throw new IOException("mkfifo " + p + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating " + p, e);
    }
    if (mk.exitValue() != 0) {
      String why = new String(mk.getInputStream().readAllBytes()).trim();
      throw new IOException("mkfifo " + p + " failed: " + why);
    }
    return new OutputFifo(p);
  }

  Path path() {
    return path;
  }

  /** Opens the reading end; blocks until a writer opens the other end. */
  InputStream openForReading() throws IOException {
    return new FileInputStream(path.toFile());
  }

  /**
   * Releases a reader still blocked in {@link #openForReading()} when the script never opened
   * the pipe (launch failed). Opening read-write never blocks on Linux; closing it then gives that
   * reader end-of-file.
   */
  void releaseReader() {
    try (RandomAccessFile ignored = new RandomAccessFile(path.toFile(), "rw")) {
      // opened and closed on purpose
    } catch (IOException ignored) {
      // the pipe is already gone: no reader can be waiting on it
    }
  }

  /** Removes the name; open ends keep working. */
  void unlink() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // a leftover fifo in our private directory is removed with the directory
    }
  }
}
