package io.zoneha.resources.exec;

/**
 * How a script run ended. Unless {@code ending} is {@link Ending#EXITED}, ZoneHA killed the
 * script's process group and {@code exitCode} is the status of the killed shell (usually 137).
 */
public record ScriptResult(long pid, Ending ending, int exitCode, String lastLine) {
  public enum Ending {
    /** The script ended by itself; see the exit code. */
    EXITED,
    /** Killed because it ran past its timeout. */
    TIMED_OUT,
    /** Killed because its resource or monitor was closed. */
    KILLED_ON_CLOSE
  }

  public boolean succeeded() {
    return ending == Ending.EXITED && exitCode == 0;
  }
}
