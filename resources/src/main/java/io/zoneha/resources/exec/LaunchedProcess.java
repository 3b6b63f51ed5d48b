package io.zoneha.resources.exec;

import java.util.concurrent.CompletableFuture;

/** A script started by a {@link ProcessRunner}. */
public interface LaunchedProcess {
  /** The shell's pid, which is also the id of the script's process group. */
  long pid();

  /** Completes with the shell's exit status when it has exited (128 + n when killed by signal n). */
  CompletableFuture<Integer> exit();

  /**
   * Completes when every writer closed the output (the script and anything it left running with
   * the same output), after the last line was delivered.
   */
  CompletableFuture<Void> outputClosed();

  /**
   * Sends SIGKILL to the script's process group and to every descendant still known, so no part
   * of the script outlives it. Blocking (it may run the {@code kill} program); harmless when the
   * script has already exited.
   */
  void killTree();
}
