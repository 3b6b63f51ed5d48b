package io.zoneha.resources.exec;

import java.util.function.Consumer;

/**
 * Where one script run's output lines go: the first {@code maxLoggedLines} lines are handed to
 * {@code log}, later ones are only counted (a chatty script cannot flood the node log), and the
 * last non-blank line is kept for error messages. Memory stays bounded whatever the script prints.
 */
public final class ScriptOutput implements Consumer<String> {
  /** Lines of one run written to the node log before the rest is suppressed. */
  public static final int DEFAULT_MAX_LOGGED_LINES = 200;

  private final Consumer<String> log;
  private final int maxLoggedLines;
  private long lines;
  private volatile String lastLine = "";

  public ScriptOutput(Consumer<String> log, int maxLoggedLines) {
    this.log = log;
    this.maxLoggedLines = maxLoggedLines;
  }

  public ScriptOutput(Consumer<String> log) {
    this(log, DEFAULT_MAX_LOGGED_LINES);
  }

  @Override
  public synchronized void accept(String line) {
    lines++;
    if (lines <= maxLoggedLines) {
      log.accept(line);
    } else if (lines == maxLoggedLines + 1) {
      log.accept("(further output of this run is not logged)");
    }
    if (!line.isBlank()) {
      lastLine = line;
    }
  }

  /** The last non-blank line seen so far, or "" when the script printed nothing. */
  public String lastLine() {
    return lastLine;
  }

  public synchronized long lineCount() {
    return lines;
  }
}
