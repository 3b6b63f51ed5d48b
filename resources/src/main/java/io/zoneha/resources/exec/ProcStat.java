package io.zoneha.resources.exec;

/**
 * The fields ZoneHA needs from {@code /proc/<pid>/stat}: the one-letter state (R, S, D, Z, ...),
 * the parent pid and the process group id.
 */
public record ProcStat(long pid, char state, long ppid, long pgrp) {

  /** True for a process that has exited but is not yet reaped by its parent (Z) or is dying (X). */
  public boolean exited() {
    return state == 'Z' || state == 'X' || state == 'x';
  }

  /**
   * Parses the stat line. The command name sits in parentheses and may itself contain spaces
   * and parentheses, so the fields after it are found from the last ')'.
   */
  public static ProcStat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 1 || close < open || close + 2 >= line.length()) {
      throw new IllegalArgumentException("not a /proc stat line: '" + abbreviate(line) + "'");
    }
    long pid = Long.parseLong(line.substring(0, open).trim());
    String[] rest = line.substring(close + 2).trim().split(" ");
    if (rest.length < 3 || rest[0].length() != 1) {
      throw new IllegalArgumentException("not a /proc stat line: '" + abbreviate(line) + "'");
    }
    return new ProcStat(pid, rest[0].charAt(0), Long.parseLong(rest[1]), Long.parseLong(rest[2]));
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
