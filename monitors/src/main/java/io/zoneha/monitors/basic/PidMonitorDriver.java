package io.zoneha.monitors.basic;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.resources.exec.ProcStat;
import java.nio.file.NoSuchFileException;

/**
 * Reads the pid file and {@code /proc/<pid>/stat} through Vert.x' asynchronous file system (both
 * reads run on its worker pool). A zombie counts as not running: it has exited and only waits
 * for its parent to collect the exit status.
 */
public final class PidMonitorDriver implements MonitorDriver {
  private final Vertx vertx;
  private final String pidFile;

  public PidMonitorDriver(Vertx vertx, String pidFile) {
    this.vertx = vertx;
    this.pidFile = pidFile;
  }

  @Override
  public Future<MonitorResult> check() {
    return vertx.fileSystem().readFile(pidFile)
        .transform(read -> {
          if (read.failed()) {
            return Future.succeededFuture(pidFileError(notFound(read.cause())
                ? "pid file " + pidFile + ": does not exist"
                : "pid file " + pidFile + ": cannot read it: " + read.cause().getMessage()));
          }
          long pid;
          try {
            pid = PidFile.parse(pidFile, read.result().getBytes());
          } catch (IllegalArgumentException e) {
            return Future.succeededFuture(pidFileError(e.getMessage()));
          }
          return checkProcess(pid);
        });
  }

  private Future<MonitorResult> checkProcess(long pid) {
    String who = "process " + pid + " (from " + pidFile + ")";
    return vertx.fileSystem().readFile("/proc/" + pid + "/stat")
        .map(Buffer::toString)
        .map(stat -> ProcStat.parse(stat).exited()
            ? MonitorResult.error(MonitorErrors.PROCESS_NOT_RUNNING, who + " has exited (zombie)")
            : MonitorResult.normal())
        .otherwise(t -> MonitorResult.error(MonitorErrors.PROCESS_NOT_RUNNING, notFound(t)
            ? who + " is not running"
            : who + ": cannot read its state: " + t.getMessage()));
  }

  private static MonitorResult pidFileError(String message) {
    return MonitorResult.error(MonitorErrors.PID_FILE_INVALID, message);
  }

  private static boolean notFound(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof NoSuchFileException) {
        return true;
      }
    }
    return false;
  }
}
