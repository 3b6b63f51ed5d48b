package io.zoneha.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
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

  private final Vertx vertx;
  private final ClusterConfig running;
  private final String self;
  private final ClusterSeal seal;
  private final ConfigCheck check;
  private final ConfigStore store;
  private final ConfigReloader reloader;
  private String stagedVersion;
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
    return vertx.executeBlocking(store::commit).map(text -> {
      stagedVersion = null;
      vertx.cancelTimer(stagedTimer);
      log.warn("installed configuration {} (by {}); restarting the cluster service", step.version(), step.user());
      // answer first: the reload closes this node's Vert.x, and with it the coordinator's reply path
      vertx.setTimer(RELOAD_DELAY_MS, id -> reloader.reload(text));
      return new Answer(true, self + ": installed " + step.version() + ", reloading");
    });
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
