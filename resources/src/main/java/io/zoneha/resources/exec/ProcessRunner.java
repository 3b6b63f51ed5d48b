package io.zoneha.resources.exec;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one place where ZoneHA starts operating-system processes. Contract:
 * <ul>
 *   <li>{@link #launch} runs {@code command} through {@code /bin/sh -c} in a new process group
 *       whose id is the shell's pid, so that {@link LaunchedProcess#killTree()} reaches every
 *       process the script started, including ones whose parent already exited;</li>
 *   <li>the node's environment is inherited, {@code env} is laid over it;</li>
 *   <li>stdout and stderr are merged and handed line by line to {@code outputLine} on a thread of
 *       the runner's own, with lines cut to a bounded length (no unbounded buffering);</li>
 *   <li>stdin is empty (EOF at once), so a script that asks for input cannot hang on it.</li>
 * </ul>
 * {@link #launch} blocks (fork/exec): call it from a worker thread, never from an event loop.
 * The shipped implementation is {@link SetsidProcessRunner}; a test may put another one into
 * {@code NodeServices} to observe launches.
 */
public interface ProcessRunner {
  LaunchedProcess launch(String command, Map<String, String> env, Consumer<String> outputLine)
      throws IOException;
}
