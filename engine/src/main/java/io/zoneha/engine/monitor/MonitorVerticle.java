package io.zoneha.engine.monitor;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.GroupMessages.Recovery;
import io.zoneha.engine.bus.MonitorMessages.Control;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.MonitorConfig.MonitorWhen;
import io.zoneha.engine.config.MonitorConfig.RecoveryTargetKind;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.engine.status.NodeStatus.MonitorStatus;
import io.zoneha.engine.status.StatusParts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every monitor of this node on its interval with its timeout and retry count, and turns a
 * confirmed error into the next {@link RecoveryPolicy} step for the group manager.
 */
public final class MonitorVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(MonitorVerticle.class);

  /** Both replaced by {@link #install}, on this verticle's context. */
  private ClusterConfig config;
  private Map<String, MonitorDriver> drivers;
  private final String self;
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final Set<String> onlineResources = ConcurrentHashMap.newKeySet();
  private final Set<String> onlineGroups = ConcurrentHashMap.newKeySet();

  public MonitorVerticle(ClusterConfig config, String self, Map<String, MonitorDriver> drivers) {
    this.config = config;
    this.self = self;
    this.drivers = new LinkedHashMap<>(drivers);
  }

  /** Runtime state of one monitor. */
  private static final class Slot {
    final MonitorConfig cfg;
    MonitorState state = MonitorState.OFFLINE;
    boolean suspended;
    boolean running;
    /** Replaced by a new configuration: results of a check still running are dropped. */
    boolean retired;
    long timer = -1;
    int consecutiveFailures;
    int code;
    String message = "";
    RecoveryPolicy.Counters counters = RecoveryPolicy.Counters.ZERO;

    Slot(MonitorConfig cfg) {
      this.cfg = cfg;
    }
  }

  @Override
  public Future<?> start() {
    schedule(Set.of());
    vertx.eventBus().<StatusParts.Part>localConsumer(Addresses.STATUS_PART, msg -> {
      if (msg.body() instanceof StatusParts.Groups g) {
        onlineResources.clear();
        g.resources().stream().filter(r -> r.state().equals("online")).forEach(r -> onlineResources.add(r.name()));
        onlineGroups.clear();
        g.groups().stream().filter(x -> x.state().equals("online")).forEach(x -> onlineGroups.add(x.name()));
      }
    });
    vertx.eventBus().<Control>localConsumer(Addresses.MONITOR_CONTROL, msg -> {
      Slot s = slots.get(msg.body().monitor());
      if (s == null) {
        msg.fail(404, "no monitor " + msg.body().monitor() + " on " + self);
        return;
      }
      s.suspended = msg.body().suspend();
      log.info("monitor {} {} by {}", s.cfg.name(), s.suspended ? "suspended" : "resumed", msg.body().user());
      setState(s, s.suspended ? MonitorState.SUSPENDED : MonitorState.OFFLINE, 0, "");
      msg.reply(s.state.label());
    });
    publish();
    return Future.succeededFuture();
  }

  private void schedule(Set<String> suspended) {
    for (MonitorConfig m : config.monitors()) {
      if (drivers.containsKey(m.name())) {
        Slot s = new Slot(m);
        s.suspended = suspended.contains(m.name());
        s.state = s.suspended ? MonitorState.SUSPENDED : MonitorState.OFFLINE;
        slots.put(m.name(), s);
        s.timer = vertx.setTimer(Math.max(1, m.startWait().toMillis()), id -> {
          if (!s.retired) {
            s.timer = vertx.setPeriodic(0, m.interval().toMillis(), pid -> tick(s));
          }
        });
      }
    }
  }

  /**
   * Takes a configuration installed live. Monitors named in {@code restart}, and those gone from
   * {@code next}, lose their driver (closed first, so a new one can take its sockets); monitors
   * new in {@code next} or restarted get one from {@code create}; every other driver is kept. All
   * monitors are scheduled again with their new settings (error counts start from zero); an
   * operator's suspension stays. Runs on this verticle's context.
   */
  public Future<Void> install(ClusterConfig next, Set<String> restart, Function<MonitorConfig, MonitorDriver> create) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      Set<String> suspended = new java.util.HashSet<>();
      slots.values().forEach(s -> {
        s.retired = true;
        vertx.cancelTimer(s.timer);
        if (s.suspended) {
          suspended.add(s.cfg.name());
        }
      });
      slots.clear();
      Set<String> keep = new java.util.HashSet<>();
      next.monitors().forEach(m -> keep.add(m.name()));
      keep.removeAll(restart);
      List<Future<Void>> closing = new java.util.ArrayList<>();
      drivers.entrySet().removeIf(e -> {
        if (keep.contains(e.getKey())) {
          return false;
        }
        closing.add(e.getValue().close());
        return true;
      });
      Future.join(closing).onComplete(ar -> {
        config = next;
        for (MonitorConfig m : next.monitors()) {
          if (!drivers.containsKey(m.name())) {
            drivers.put(m.name(), create.apply(m));
          }
        }
        schedule(suspended);
        publish();
        log.info("monitors follow configuration {} (restarted: {})", next.fingerprint(), restart);
        done.complete();
      });
    });
    return done.future();
  }

  private void tick(Slot s) {
    if (s.running || s.suspended) {
      return;
    }
    if (s.cfg.when() == MonitorWhen.ACTIVE && !onlineResources.contains(s.cfg.target())) {
      setState(s, MonitorState.OFFLINE, 0, "");
      s.consecutiveFailures = 0;
      return;
    }
    s.running = true;
    checkWithTimeout(s).onComplete(ar -> {
      s.running = false;
      if (!s.suspended && !s.retired) {
        onResult(s, ar.succeeded() ? ar.result() : failureResult(ar.cause()));
      }
    });
  }

  private Future<MonitorResult> checkWithTimeout(Slot s) {
    Promise<MonitorResult> p = Promise.promise();
    long timer = vertx.setTimer(s.cfg.timeout().toMillis(), id -> p.tryComplete(
        MonitorResult.error(1, "check did not complete within " + s.cfg.timeout().toMillis() + " ms")));
    Future<MonitorResult> check;
    try {
      check = drivers.get(s.cfg.name()).check();
    } catch (RuntimeException e) {
      check = Future.failedFuture(e);
    }
    check.onComplete(ar -> {
      vertx.cancelTimer(timer);
      p.tryComplete(ar.succeeded() ? ar.result() : failureResult(ar.cause()));
    });
    return p.future();
  }

  private static MonitorResult failureResult(Throwable t) {
    ActionFailure f = ActionFailure.of(t, 99);
    return MonitorResult.error(f.code(), f.getMessage());
  }

  private void onResult(Slot s, MonitorResult r) {
    switch (r.status()) {
      case NORMAL -> {
        s.consecutiveFailures = 0;
        s.counters = RecoveryPolicy.Counters.ZERO;
        setState(s, MonitorState.NORMAL, 0, "");
      }
      case WARNING -> {
        s.consecutiveFailures = 0;
        setState(s, MonitorState.WARNING, r.code(), r.message());
      }
      case ERROR -> {
        s.consecutiveFailures++;
        if (s.consecutiveFailures > s.cfg.retries()) {
          setState(s, MonitorState.ERROR, r.code(), r.message());
          s.consecutiveFailures = 0;
          recover(s, r);
        }
      }
    }
  }

  private void recover(Slot s, MonitorResult r) {
    RecoveryPolicy.Decision d = RecoveryPolicy.next(s.cfg.recovery(), s.counters);
    s.counters = d.counters();
    String why = "monitor " + s.cfg.name() + " detected an error (" + r.code() + ": " + r.message() + ")";
    MonitorConfig.RecoveryAction ra = s.cfg.recovery();
    List<String> groups = targetGroups(ra);
    log.error("{}; recovery step {} for {}", why, d.step(), ra.target());
    for (String g : groups) {
      Recovery.Step step = switch (d.step()) {
        case REACTIVATE -> ra.kind() == RecoveryTargetKind.RESOURCE ? Recovery.Step.REACTIVATE_RESOURCE : Recovery.Step.REACTIVATE_GROUP;
        case FAILOVER -> Recovery.Step.FAILOVER_GROUP;
        case FINAL_STOP_GROUP -> Recovery.Step.STOP_GROUP;
        case FINAL_STOP_CLUSTER_SERVICE -> Recovery.Step.STOP_CLUSTER_SERVICE;
        case FINAL_NONE, NOTHING -> null;
      };
      if (step != null) {
        String res = ra.kind() == RecoveryTargetKind.RESOURCE ? ra.target() : null;
        vertx.eventBus().send(Addresses.RECOVERY, new Recovery(step, g, res, why));
      }
    }
  }

  private List<String> targetGroups(MonitorConfig.RecoveryAction ra) {
    return switch (ra.kind()) {
      case GROUP -> List.of(ra.target());
      case RESOURCE -> config.groupOfResource(ra.target()).map(GroupConfig::name).stream().toList();
      case LOCAL_SERVER -> List.copyOf(onlineGroups);
    };
  }

  private void setState(Slot s, MonitorState st, int code, String message) {
    if (s.state != st || s.code != code) {
      if (st == MonitorState.ERROR || st == MonitorState.WARNING) {
        log.warn("monitor {} is {} ({}: {})", s.cfg.name(), st.label(), code, message);
      } else {
        log.info("monitor {} is {}", s.cfg.name(), st.label());
      }
      s.state = st;
      s.code = code;
      s.message = message;
      publish();
    }
  }

  private void publish() {
    vertx.eventBus().publish(Addresses.STATUS_PART, new StatusParts.Monitors(slots.values().stream()
        .map(s -> new MonitorStatus(s.cfg.name(), s.state.label(), s.code, s.message)).toList()));
  }

  @Override
  public Future<?> stop() {
    return Future.all(drivers.values().stream().map(MonitorDriver::close).toList());
  }
}
