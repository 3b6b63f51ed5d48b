package io.zoneha.resources.exec;

import io.vertx.core.Future;
import io.zoneha.engine.config.Durations;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.ActionFailure.Scope;
import io.zoneha.engine.spi.Reason;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.engine.spi.ResourceDriver;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activates an exec resource by running its start script and deactivates it with its stop
 * script. Every call runs the script again: activating an active resource runs start a second
 * time, so scripts must be idempotent (check, then act). Script output goes to the logger
 * {@code zoneha.resource.<name>}.
 */
public final class ExecResourceDriver implements ResourceDriver {
  private final ResourceContext ctx;
  private final ExecParams params;
  private final ScriptRunner scripts;
  private final Logger log;

  public ExecResourceDriver(ResourceContext ctx, ExecParams params, ProcessRunner processes) {
    this.ctx = ctx;
    this.params = params;
    this.scripts = new ScriptRunner(ctx.vertx(), processes);
    this.log = LoggerFactory.getLogger("zoneha.resource." + ctx.resource().name());
  }

  @Override
  public Future<Void> activate(Reason reason) {
    return run(ScriptAction.START, params.start(), reason);
  }

  @Override
  public Future<Void> deactivate(Reason reason) {
    Optional<String> stop = params.stop();
    if (stop.isEmpty()) {
      log.info("no stop script; nothing to do ({})", reason);
      return Future.succeededFuture();
    }
    return run(ScriptAction.STOP, stop.get(), reason);
  }

  @Override
  public Future<Void> close() {
    return scripts.killAll();
  }

  private Future<Void> run(ScriptAction action, String command, Reason reason) {
    String name = ctx.resource().name();
    log.info("running {} script ({})", action.word(), reason);
    var env = ExecEnvironment.of(ctx.group(), name, ctx.server(),
        reason == null ? "" : reason.text(), action, params.env());
    ScriptOutput output = new ScriptOutput(line -> log.info("[{}] {}", action.word(), line));
    return scripts.run(command, env, params.timeout(), output)
        .recover(t -> Future.failedFuture(new ActionFailure(ExecErrors.LAUNCH_FAILED,
            "cannot start the " + action.word() + " script of resource " + name + ": " + t.getMessage(),
            Scope.FAIL_OVER, t)))
        .compose(r -> outcome(action, r));
  }

  private Future<Void> outcome(ScriptAction action, ScriptResult r) {
    String name = ctx.resource().name();
    switch (r.ending()) {
      case TIMED_OUT:
        return Future.failedFuture(new ActionFailure(ExecErrors.NOT_COMPLETED,
            action.word() + " script of resource " + name + " not completed within "
                + Durations.format(params.timeout()) + "; killed its process group " + r.pid(),
            Scope.RETRY_HERE));
      case KILLED_ON_CLOSE:
        return Future.failedFuture(new ActionFailure(ExecErrors.NOT_COMPLETED,
            action.word() + " script of resource " + name + " not completed: killed because the resource was closed",
            Scope.RETRY_HERE));
      case EXITED:
      default:
        break;
    }
    if (r.exitCode() != 0) {
      String last = r.lastLine().isEmpty() ? "" : " (last output: " + r.lastLine() + ")";
      return Future.failedFuture(new ActionFailure(action.failureCode(),
          action.word() + " script of resource " + name + " failed with exit code " + r.exitCode() + last,
          Scope.RETRY_HERE));
    }
    log.info("{} script finished", action.word());
    return Future.succeededFuture();
  }
}
