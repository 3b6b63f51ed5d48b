package io.zoneha.resources.exec;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Waiting helpers for tests with real processes: conditions polled up to a deadline. */
public final class ProcessTestSupport {
  private ProcessTestSupport() {}

  public static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (e.getCause() instanceof Exception ex) ? ex : e;
    }
  }

  /** The failure of a future that must fail. */
  public static Throwable awaitFailure(Future<?> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, got success");
  }

  public static void waitUntil(String what, Duration limit, BooleanSupplier condition)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("waited " + limit + " for: " + what);
      }
      Thread.sleep(20);
    }
  }

  /**
   * True when the process no longer runs: its /proc entry is gone, or it is a zombie. Zombies
   * count as dead because in this sandbox pid 1 does not reap orphans, so a killed grandchild
   * may stay a zombie forever.
   */
  public static boolean dead(long pid) {
    try {
      return ProcStat.parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))).exited();
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      return !Files.exists(Path.of("/proc", Long.toString(pid)));
    }
  }

  /** Reads a pid a script wrote, waiting until the file holds a whole line. */
  public static long readPid(Path file) throws Exception {
    waitUntil("pid in " + file, Duration.ofSeconds(10), () -> {
      try {
        return Files.readString(file).endsWith("\n");
      } catch (IOException e) {
        return false;
      }
    });
    return Long.parseLong(Files.readString(file).trim());
  }

  /** Kills a test's leftover process by pid, never by name. */
  public static void killQuietly(Path pidFile) {
    try {
      if (Files.exists(pidFile)) {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    } catch (IOException | NumberFormatException ignored) {
      // nothing to clean up
    }
  }
}
