package io.zoneha.monitors.basic;

/**
 * Reads a process id from the content of a pid file: the first line, optionally surrounded by
 * blanks, must be a decimal number from 1 to {@link #PID_MAX}. Later lines are ignored (some
 * daemons write more after the pid). Pure: the caller reads the file.
 */
public final class PidFile {
  /** The largest pid Linux can hand out (pid_max may be set up to 2^22). */
  public static final long PID_MAX = 4_194_304;

  private PidFile() {}

  /** The pid, or throws {@link IllegalArgumentException} naming the file and the bad byte or value. */
  public static long parse(String file, byte[] content) {
    int i = 0;
    while (i < content.length && blank(content[i])) {
      i++;
    }
    if (i == content.length) {
      throw new IllegalArgumentException("pid file " + file + ": empty");
    }
    int start = i;
    while (i < content.length && content[i] >= '0' && content[i] <= '9') {
      i++;
    }
    int end = i;
    while (i < content.length && content[i] != '\n' && blank(content[i])) {
      i++;
    }
    if ((i < content.length && content[i] != '\n') || end == start) {
      int bad = end == start ? start : i;
      throw new IllegalArgumentException("pid file " + file + ": byte " + (bad + 1) + " is "
          + describe(content[bad]) + ", expected a digit");
    }
    String digits = new String(content, start, end - start, java.nio.charset.StandardCharsets.US_ASCII);
    long pid = digits.length() > 8 ? -1 : Long.parseLong(digits);
    if (pid < 1 || pid > PID_MAX) {
      throw new IllegalArgumentException("pid file " + file + ": value " + abbreviate(digits)
          + " is not a process id (1.." + PID_MAX + ")");
    }
    return pid;
  }

  private static boolean blank(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static String describe(byte b) {
    int v = b & 0xff;
    String hex = String.format("0x%02x", v);
    return v >= 0x21 && v <= 0x7e ? hex + " ('" + (char) v + "')" : hex;
  }

  private static String abbreviate(String digits) {
    return digits.length() <= 20 ? digits : digits.substring(0, 20) + "...";
  }
}
