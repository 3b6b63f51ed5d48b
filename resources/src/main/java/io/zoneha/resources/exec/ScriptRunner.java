package io.zoneha.resources.exec;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs scripts for one resource or monitor without blocking the event loop: the fork happens on
 * a worker thread, the exit is awaited through the process' completion future, and a Vert.x
 * timer enforces the timeout by killing the script's whole process group.
 */
public final class ScriptRunner {
  /**
   * How long to wait, after the shell exited, for its last output lines. A background program
   * that inherited the output keeps the pipe open; the run does not wait for it beyond this.
   */
  static final long OUTPUT_GRACE_MS = 500;

  private final Vertx vertx;
  private final ProcessRunner processes;
  private final Map<LaunchedProcess, AtomicReference<ScriptResult.Ending>> running =
      new ConcurrentHashMap<>();
  private volatile boolean closed;

  public ScriptRunner(Vertx vertx, ProcessRunner processes) {
    this.vertx = vertx;
    this.processes = processes;
  }

  /**
   * Starts {@code command} and completes when it has exited (or was killed after
   * {@code timeout}). Fails only when the process could not be started at all.
   */
  public Future<ScriptResult> run(String command, Map<String, String> env, Duration timeout,
      ScriptOutput output) {
    Context ctx = vertx.getOrCreateContext();
    return vertx.executeBlocking(() -> processes.launch(command, env, output), false)
        .compose(p -> supervise(p, timeout, output, ctx));
  }

  private Future<ScriptResult> supervise(LaunchedProcess p, Duration timeout, ScriptOutput output,
      Context ctx) {
    AtomicReference<ScriptResult.Ending> ending = new AtomicReference<>(ScriptResult.Ending.EXITED);
    running.put(p, ending);
    if (closed) {
      // launched while killAll() ran: it must not survive its closed owner
      ending.set(ScriptResult.Ending.KILLED_ON_CLOSE);
      kill(p);
    }
    long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
      ending.compareAndSet(ScriptResult.Ending.EXITED, ScriptResult.Ending.TIMED_OUT);
      kill(p);
    });
    return Future.fromCompletionStage(p.exit(), ctx)
        .compose(code -> {
          vertx.cancelTimer(timer);
          running.remove(p);
          return Future.fromCompletionStage(p.outputClosed(), ctx)
              .timeout(OUTPUT_GRACE_MS, TimeUnit.MILLISECONDS)
              .otherwiseEmpty()
              .map(v -> new ScriptResult(p.pid(), ending.get(), code, output.lastLine()));
        });
  }

  /**
   * Kills every script of this runner that is still running, and any launched later: the owning
   * resource or monitor is closing.
   */
  public Future<Void> killAll() {
    closed = true;
    List<Future<Void>> kills = new ArrayList<>();
    running.forEach((p, ending) -> {
      ending.compareAndSet(ScriptResult.Ending.EXITED, ScriptResult.Ending.KILLED_ON_CLOSE);
      kills.add(kill(p));
    });
    return Future.join(kills).mapEmpty();
  }

  public int runningCount() {
    return running.size();
  }

  private Future<Void> kill(LaunchedProcess p) {
    return vertx.executeBlocking(() -> {
      p.killTree();
      return null;
    }, false);
  }
}
