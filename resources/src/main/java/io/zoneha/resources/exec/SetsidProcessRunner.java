package io.zoneha.resources.exec;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code setsid /bin/sh -c COMMAND}. A child of the JVM is never a process-group leader, so
 * setsid(1) calls setsid(2) and execs the shell in place: the shell's pid becomes the id of a new
 * session and process group that every process of the script joins unless it leaves on purpose.
 * Java cannot signal a process group, so {@link LaunchedProcess#killTree()} runs the procps
 * {@code kill} program with a negative pid. Output travels through an {@link OutputFifo}, read
 * until the last writer closes it.
 */
public final class SetsidProcessRunner implements ProcessRunner, AutoCloseable {
  /** Longest line kept from a script's output; the rest of that line is dropped. */
  public static final int MAX_LINE_BYTES = 4096;

  private static final Logger LOG = LoggerFactory.getLogger(SetsidProcessRunner.class);
  private static final long KILL_PROGRAM_WAIT_SECONDS = 5;

  private final String setsid;
  private final String kill;
  private final String mkfifo;
  private Path fifoDir;

  public SetsidProcessRunner() {
    this(firstExisting("setsid", "/usr/bin/setsid", "/bin/setsid"));
  }

  /** With another setsid program; tests use a missing one to exercise launch failures. */
  SetsidProcessRunner(String setsid) {
    this.setsid = setsid;
    this.kill = firstExisting("kill", "/usr/bin/kill", "/bin/kill");
    this.mkfifo = firstExisting("mkfifo", "/usr/bin/mkfifo", "/bin/mkfifo");
  }

  @Override
  public LaunchedProcess launch(String command, Map<String, String> env, Consumer<String> outputLine)
      throws IOException {
    OutputFifo fifo = OutputFifo.create(fifoDir(), mkfifo);
    CompletableFuture<Void> outputClosed = new CompletableFuture<>();
    Thread reader = new Thread(() -> pump(fifo, outputLine, outputClosed), "zoneha-script-output");
    reader.setDaemon(true);
    reader.start();
    ProcessBuilder pb = new ProcessBuilder(setsid, "/bin/sh", "-c", command);
    pb.environment().putAll(env);
    pb.redirectOutput(fifo.path().toFile());
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      // opening the fifo for writing waits for the reader, so both ends are open on return
      Process process = pb.start();
      reader.setName("zoneha-script-output-" + process.pid());
      return new Launched(process, outputClosed);
    } catch (IOException | RuntimeException e) {
      fifo.releaseReader();
      throw e;
    } finally {
      fifo.unlink();
    }
  }

  /** Removes this runner's private fifo directory (node shutdown). */
  @Override
  public synchronized void close() {
    if (fifoDir != null) {
      try (var files = Files.list(fifoDir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(fifoDir);
      } catch (IOException e) {
        LOG.debug("cannot remove {}: {}", fifoDir, e.toString());
      }
      fifoDir = null;
    }
  }

  private synchronized Path fifoDir() throws IOException {
    if (fifoDir == null) {
      fifoDir = Files.createTempDirectory("zoneha-scripts-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return fifoDir;
  }

  private static void pump(OutputFifo fifo, Consumer<String> sink, CompletableFuture<Void> closed) {
    try (InputStream in = fifo.openForReading()) {
      BoundedLineReader lines = new BoundedLineReader(new BufferedInputStream(in), MAX_LINE_BYTES);
      String line;
      while ((line = lines.readLine()) != null) {
        sink.accept(line);
      }
    } catch (IOException e) {
      LOG.warn("reading script output failed: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.warn("script output handler failed", e);
    } finally {
      closed.complete(null);
    }
  }

  private final class Launched implements LaunchedProcess {
    private final Process process;
    private final CompletableFuture<Void> outputClosed;
    private final CompletableFuture<Integer> exit;

    Launched(Process process, CompletableFuture<Void> outputClosed) {
      this.process = process;
      this.outputClosed = outputClosed;
      this.exit = process.onExit().thenApply(Process::exitValue);
    }

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public CompletableFuture<Integer> exit() {
      return exit;
    }

    @Override
    public CompletableFuture<Void> outputClosed() {
      return outputClosed;
    }

    @Override
    public void killTree() {
      List<ProcessHandle> descendants = process.descendants().toList();
      if (process.isAlive() && leadsOwnGroup(process.pid())) {
        killGroup(process.pid());
      }
      // A child that moved to a group of its own is still reached while its parent lives.
      descendants.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /**
   * Only a shell that already ran setsid may be killed as a group: signalling "-pid" earlier
   * would hit nothing, and a pid is not reused while our unreaped child holds it.
   */
  private static boolean leadsOwnGroup(long pid) {
    try {
      return ProcStat.parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))).pgrp() == pid;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void killGroup(long pgid) {
    try {
      Process k = new ProcessBuilder(kill, "-KILL", "--", "-" + pgid)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!k.waitFor(KILL_PROGRAM_WAIT_SECONDS, TimeUnit.SECONDS)) {
        k.destroyForcibly();
        LOG.warn("'{} -KILL -- -{}' did not finish", kill, pgid);
      }
    } catch (IOException e) {
      LOG.warn("cannot run '{}' to kill process group {}: {}", kill, pgid, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String firstExisting(String fallback, String... candidates) {
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    return fallback;
  }
}
