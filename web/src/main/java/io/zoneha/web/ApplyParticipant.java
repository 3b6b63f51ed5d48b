package io.zoneha.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zoneha.engine.apply.ApplyPlan;
import io.zoneha.engine.apply.RestartOrder;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.web.ApplyMessages.Answer;
import io.zoneha.web.ApplyMessages.Step;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's side of a configuration apply: on PREPARE it validates the new file with its own
 * validator (its own resource and monitor types) and stages it; on COMMIT it installs it and
 * reloads; on ABORT it drops the staged file. It refuses anything it could not run.
 */
final class ApplyParticipant {
  private static final Logger log = LoggerFactory.getLogger(ApplyParticipant.class);
  /** A staged version nobody committed (coordinator gone) is dropped after this long. */
  static final long STAGED_MAX_MS = 60_000;
  static final long RELOAD_DELAY_MS = 1_000;
  /** How often a server waiting for its turn in a rolling restart looks at the cluster status. */
  static final long TURN_POLL_MS = 500;
  /**
   * How long a server waits for the servers before it in a rolling restart to come back with the
   * new configuration. Past it, it does not restart (that could take the service down with
   * nowhere to go) and says so in the event log: an operator decides.
   */
  static final long TURN_MAX_MS = 180_000;

  private final Vertx vertx;
  private final ClusterConfig running;
  private final String self;
  private final ClusterSeal seal;
  private final ConfigCheck check;
  private final ConfigStore store;
  private final ConfigReloader reloader;
  private final AuditLog audit;
  private String stagedVersion;
  private ClusterConfig stagedConfig;
  private long stagedTimer = -1;
  private MessageConsumer<Object> consumer;

  ApplyParticipant(Vertx vertx, ClusterConfig running, String self, ClusterSeal seal, ConfigCheck check,
      ConfigStore store, ConfigReloader reloader) {
    this.vertx = vertx;
    this.running = running;
    this.self = self;
    this.seal = seal;
    this.check = check;
    this.store = store;
    this.reloader = reloader;
    this.audit = new AuditLog(vertx, seal, self);
  }

  void start() {
    consumer = vertx.eventBus().consumer(Addresses.nodeConfig(self), this::onStep);
  }

  void stop() {
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** Why this node cannot take a new configuration, or empty when it can. Pure. */
  static Optional<String> refusal(ClusterConfig running, String self, Step step, ConfigCheck.Outcome outcome) {
    if (!running.fingerprint().equals(step.base())) {
      return Optional.of("runs configuration " + running.fingerprint() + ", not " + step.base());
    }
    if (!outcome.valid()) {
      List<ConfigCheck.Problem> p = outcome.problems();
      return Optional.of("invalid here: " + p.get(0).path() + ": " + p.get(0).message()
          + (p.size() > 1 ? " (and " + (p.size() - 1) + " more)" : ""));
    }
    if (!outcome.fingerprint().equals(step.version())) {
      return Optional.of("the file arrived with fingerprint " + outcome.fingerprint() + ", expected " + step.version());
    }
    if (!running.name().equals(outcome.cluster())) {
      return Optional.of("cluster name would change from " + running.name() + " to " + outcome.cluster());
    }
    if (!outcome.servers().contains(self)) {
      return Optional.of("the new configuration has no server named " + self);
    }
    return Optional.empty();
  }

  private void onStep(Message<Object> m) {
    Step step;
    try {
      step = Step.fromJson(seal.open(m.body()));
    } catch (RuntimeException e) {
      log.warn("rejected a configuration message: {}", e.getMessage());
      return;
    }
    Future<Answer> answer = switch (step.phase()) {
      case PREPARE -> prepare(step);
      case COMMIT -> commit(step);
      case ABORT -> abort(step);
    };
    answer.recover(e -> Future.succeededFuture(new Answer(false, self + ": " + e.getMessage())))
        .onSuccess(a -> m.reply(seal.seal(a.toJson())));
  }

  private Future<Answer> prepare(Step step) {
    if (store == null || reloader == null) {
      return Future.succeededFuture(new Answer(false, self + ": this node was started without a config file to replace"));
    }
    if (stagedVersion != null && !stagedVersion.equals(step.version())) {
      return Future.succeededFuture(new Answer(false, self + ": another apply (" + stagedVersion + ") is in progress"));
    }
    return vertx.executeBlocking(() -> check.check(step.text())).compose(outcome -> {
      Optional<String> no = refusal(running, self, step, outcome);
      if (no.isPresent()) {
        log.warn("refusing configuration {}: {}", step.version(), no.get());
        return Future.succeededFuture(new Answer(false, self + ": " + no.get()));
      }
      return vertx.executeBlocking(() -> {
        store.stage(step.text());
        return null;
      }).map(v -> {
        stagedVersion = step.version();
        stagedConfig = outcome.config();
        vertx.cancelTimer(stagedTimer);
        stagedTimer = vertx.setTimer(STAGED_MAX_MS, id -> abort(new Step(ApplyMessages.Phase.ABORT, stagedVersion,
            null, null, "timeout")));
        log.info("staged configuration {} from {}", step.version(), step.user());
        return new Answer(true, self + ": validated and staged " + step.version());
      });
    });
  }

  private Future<Answer> commit(Step step) {
    if (!step.version().equals(stagedVersion)) {
      return Future.succeededFuture(new Answer(false, self + ": nothing staged for " + step.version()));
    }
    ClusterConfig next = stagedConfig;
    ApplyPlan plan = PlanJson.plan(running, next);
    return vertx.executeBlocking(store::commit).map(text -> {
      stagedVersion = null;
      stagedConfig = null;
      vertx.cancelTimer(stagedTimer);
      log.warn("installed configuration {} (by {}): {}: {}", step.version(), step.user(), plan.impact().wire(), plan.summary());
      // answer first: a reload closes this node's Vert.x, and with it the coordinator's reply path
      switch (plan.impact()) {
        case ALL_AT_ONCE -> vertx.setTimer(RELOAD_DELAY_MS, id -> reloader.reload(text));
        case ROLLING -> vertx.setTimer(RELOAD_DELAY_MS, id -> awaitTurn(step, text, System.currentTimeMillis() + TURN_MAX_MS));
        default -> vertx.setTimer(RELOAD_DELAY_MS, id -> installLive(step, text, next, plan));
      }
      return new Answer(true, self + ": installed " + step.version() + ", " + switch (plan.impact()) {
        case ALL_AT_ONCE -> "restarting its cluster service";
        case ROLLING -> "restarting its cluster service after " + (predecessors(step).isEmpty()
            ? "nobody (first)" : String.join(", ", predecessors(step)));
        default -> "taking it without a restart";
      });
    });
  }

  private void installLive(Step step, String text, ClusterConfig next, ApplyPlan plan) {
    reloader.install(text, next, plan).onComplete(ar -> {
      String what = ar.succeeded() ? (ar.result().isEmpty() ? "" : ": " + String.join("; ", ar.result()))
          : " failed: " + ar.cause().getMessage();
      audit.record(step.user(), ar.succeeded() ? "info" : "error", null, "configuration " + step.version() + " taken on "
          + self + " without a cluster service restart (" + plan.impact().wire() + ")" + what);
    });
  }

  /** Rolling restart: this server restarts once every server before it runs the new version. */
  private void awaitTurn(Step step, String text, long deadline) {
    List<String> before = predecessors(step);
    vertx.eventBus().<JsonObject>request(Addresses.STATUS_QUERY, "").onComplete(ar -> {
      if (ar.succeeded() && turnReached(ar.result().body(), before, step.version())) {
        log.warn("restarting the cluster service for configuration {} (rolling, after {})", step.version(), before);
        reloader.reload(text);
      } else if (System.currentTimeMillis() > deadline) {
        audit.record(step.user(), "error", null, self + " did not restart for configuration " + step.version() + ": "
            + String.join(", ", before) + " did not come back with it within " + TURN_MAX_MS / 1000
            + " s; it keeps running the previous configuration until its cluster service is restarted");
      } else {
        vertx.setTimer(TURN_POLL_MS, id -> awaitTurn(step, text, deadline));
      }
    });
  }

  private List<String> predecessors(Step step) {
    // a coordinator that sent no order: nobody to wait for, as before rolling restarts existed
    return step.restartOrder().contains(self) ? RestartOrder.before(step.restartOrder(), self) : List.of();
  }

  /** Every server in {@code before} is online and runs {@code version}. Pure. */
  static boolean turnReached(JsonObject status, List<String> before, String version) {
    JsonArray servers = status.getJsonArray("servers", new JsonArray());
    return before.stream().allMatch(name -> servers.stream().map(o -> (JsonObject) o)
        .anyMatch(s -> name.equals(s.getString("name")) && "online".equals(s.getString("state"))
            && version.equals(s.getString("fingerprint"))));
  }

  private Future<Answer> abort(Step step) {
    if (stagedVersion == null || !stagedVersion.equals(step.version())) {
      return Future.succeededFuture(new Answer(true, self + ": nothing staged"));
    }
    return vertx.executeBlocking(() -> {
      store.abort();
      return null;
    }).map(v -> {
      stagedVersion = null;
      vertx.cancelTimer(stagedTimer);
      log.info("dropped staged configuration {}", step.version());
      return new Answer(true, self + ": dropped " + step.version());
    });
  }
}
