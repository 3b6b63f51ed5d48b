package io.zoneha.monitors.basic;

/** Catalogue numbers of the basic monitors (docs/errors.md, "Engine and exec"). */
public final class MonitorErrors {
  /** pidw: the pid file is missing, unreadable, empty or does not hold a process id. */
  public static final int PID_FILE_INVALID = 21;
  /** customw: the script exited with a non-zero code (warning when listed in warnExitCodes). */
  public static final int CUSTOM_SCRIPT = 22;
  /** httpw: unexpected HTTP status, or no HTTP answer at all. */
  public static final int HTTP_CHECK = 23;
  /** pidw: the process named by the pid file is not running (gone or a zombie). */
  public static final int PROCESS_NOT_RUNNING = 24;

  private MonitorErrors() {}
}
