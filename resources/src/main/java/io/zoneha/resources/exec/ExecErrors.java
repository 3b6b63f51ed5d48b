package io.zoneha.resources.exec;

/** Catalogue numbers of the exec resource (docs/errors.md, "Engine and exec"). */
public final class ExecErrors {
  /** A start or stop script did not finish within its timeout; its process group was killed. */
  public static final int NOT_COMPLETED = 1;
  /** The start script exited with a non-zero code. */
  public static final int START_FAILED = 31;
  /** The stop script exited with a non-zero code. */
  public static final int STOP_FAILED = 32;
  /** The script could not be started at all (no /bin/sh or setsid, fork refused). */
  public static final int LAUNCH_FAILED = 33;

  private ExecErrors() {}
}
