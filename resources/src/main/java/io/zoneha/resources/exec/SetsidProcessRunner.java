package io.zoneha.resources.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code kill} program with a negative pid.
 */
public final class SetsidProcessRunner implements ProcessRunner {
  /** Longest line kept from a script's output; the rest of that line is dropped. */
  public static final int MAX_LINE_BYTES = 4096;

  private static final Logger LOG = LoggerFactory.getLogger(SetsidProcessRunner.class);
  private static final long KILL_PROGRAM_WAIT_SECONDS = 5;

  private final String setsid;
  private final String kill;

  public SetsidProcessRunner() {
    this(firstExisting("setsid", "/usr/bin/setsid", "/bin/setsid"),
        firstExisting("kill", "/usr/bin/kill", "/bin/kill"));
  }

  SetsidProcessRunner(String setsid, String kill) {
    this.setsid = setsid;
    this.kill = kill;
  }

  @Override
  public LaunchedProcess launch(String command, Map<String, String> env, Consumer<String> outputLine)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(setsid, "/bin/sh", "-c", command);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = pb.start();
    CompletableFuture<Void> outputClosed = new CompletableFuture<>();
    Thread reader = new Thread(
        () -> pump(process.getInputStream(), outputLine, outputClosed),
        "zoneha-script-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    return new Launched(process, outputClosed);
  }

  private static void pump(InputStream in, Consumer<String> sink, CompletableFuture<Void> closed) {
    try (in) {
      BoundedLineReader lines = new BoundedLineReader(in, MAX_LINE_BYTES);
      String line;
      while ((line = lines.readLine()) != null) {
        sink.accept(line);
      }
    } catch (IOException e) {
      // the JVM closes the pipe of an exited process; what was read has been delivered
      LOG.debug("script output closed: {}", e.toString());
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
