package io.zoneha.engine.group;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import io.zoneha.engine.bus.GroupMessages.Command;
import io.zoneha.engine.bus.GroupMessages.Handoff;
import io.zoneha.engine.bus.GroupMessages.LocalClaims;
import io.zoneha.engine.bus.GroupMessages.Recovery;
import io.zoneha.engine.bus.GroupMessages.Reply;
import io.zoneha.engine.bus.Membership;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.Reason;
import io.zoneha.engine.status.NodeStatus.GroupStatus;
import io.zoneha.engine.status.NodeStatus.ResourceStatus;
import io.zoneha.engine.status.StatusParts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries events into {@link GroupDecider} and its actions out: runs resources through
 * {@link GroupRunner}s, sends handoffs and forwarded commands to other nodes, publishes this
 * node's claims and group status. Holds no decision logic of its own.
 */
public final class GroupManagerVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(GroupManagerVerticle.class);
  private static final long FORWARD_TIMEOUT_MS = 10_000;
  /** How often resource details (mirror progress) are sampled; published only when changed. */
  private static final long DETAILS_MS = 1000;

  /** Replaced by {@link #install}; read on this verticle's context only. */
  private ClusterConfig config;
  private final String self;
  private final Map<String, GroupRunner> runners;
  private final ClusterSeal seal;
  private final Set<String> live = new LinkedHashSet<>();
  private final Map<String, Map<String, Claim>> peerClaims = new HashMap<>();
  private Map<String, LocalGroup> local = new HashMap<>();
  private boolean startupComplete;
  private boolean isolated;
  private boolean shuttingDown;
  private List<io.zoneha.engine.status.NodeStatus.ResourceDetails> lastDetails = List.of();

  public GroupManagerVerticle(ClusterConfig config, String self, Map<String, GroupRunner> runners) {
    this.config = config;
    this.self = self;
    this.runners = runners;
    this.seal = new ClusterSeal(config.secret());
  }

  @Override
  public Future<?> start() {
    live.add(self);
    vertx.eventBus().<Membership.Event>localConsumer(Addresses.MEMBERSHIP, m -> onMembership(m.body()));
    vertx.eventBus().<Command>localConsumer(Addresses.GROUP_COMMAND, m -> onCommand(m.body(), m));
    vertx.eventBus().<Recovery>localConsumer(Addresses.RECOVERY, m -> onRecovery(m.body()));
    vertx.eventBus().consumer(Addresses.nodeCommands(self), this::onRemote);
    // a periodic look at the claims settles what a lost message or a missed change left open
    vertx.setPeriodic(config.heartbeat().timeout().toMillis(), id -> reconsider(new GroupEvent.ClaimsChanged()));
    vertx.setPeriodic(DETAILS_MS, id -> publishDetails());
    publish();
    publishDetails();
    return Future.succeededFuture();
  }

  private void publishDetails() {
    List<io.zoneha.engine.status.NodeStatus.ResourceDetails> now = new ArrayList<>();
    runners.values().forEach(r -> now.addAll(r.details()));
    if (!now.equals(lastDetails)) {
      lastDetails = now;
      vertx.eventBus().publish(Addresses.STATUS_PART, new StatusParts.Details(now));
    }
  }

  private void onMembership(Membership.Event e) {
    if (e instanceof Membership.PeerLost p) {
      // the decider keeps a dead peer's last claims: they tell whose groups need a new home
      live.remove(p.peer());
      peerClaims.put(p.peer(), p.lastClaims());
      reconsider(new GroupEvent.PeerDown(p.peer(), p.lastClaims()));
    } else if (e instanceof Membership.PeerJoined p) {
      live.add(p.peer());
      peerClaims.put(p.peer(), p.claims());
      reconsider(new GroupEvent.ClaimsChanged());
    } else if (e instanceof Membership.ClaimsChanged c) {
      peerClaims.put(c.peer(), c.claims());
      reconsider(new GroupEvent.ClaimsChanged());
    } else if (e instanceof Membership.Isolation i) {
      isolated = i.isolated();
      // back in touch: groups that every side stopped while cut off start again where they belong
      decide(isolated ? new GroupEvent.Isolated() : new GroupEvent.StartupComplete());
    } else if (e instanceof Membership.StartupComplete) {
      startupComplete = true;
      reconsider(new GroupEvent.StartupComplete());
    }
  }

  private void onCommand(Command c, Message<?> msg) {
    GroupEvent event = switch (c.kind()) {
      case START -> new GroupEvent.StartRequested(c.group(), c.server(), c.user());
      case STOP -> new GroupEvent.StopRequested(c.group(), c.user());
      case MOVE -> new GroupEvent.MoveRequested(c.group(), c.server(), c.user());
    };
    List<GroupAction> actions = decide(event);
    Future<Reply> reply = replyFor(c, actions);
    reply.onComplete(ar -> msg.reply(ar.succeeded() ? ar.result()
        : new Reply(false, "no answer from the owner: " + ar.cause().getMessage())));
  }

  private Future<Reply> replyFor(Command c, List<GroupAction> actions) {
    for (GroupAction a : actions) {
      if (a instanceof GroupAction.Reject r) {
        return Future.succeededFuture(new Reply(false, r.reason()));
      }
      if (a instanceof GroupAction.Forward f) {
        return vertx.eventBus().request(Addresses.nodeCommands(f.to()), seal.seal(c.toJson()),
                new DeliveryOptions().setSendTimeout(FORWARD_TIMEOUT_MS))
            .map(m -> Reply.fromJson(seal.open(m.body())));
      }
    }
    String what = actions.isEmpty() ? "nothing to do" : actions.get(0).reason();
    return Future.succeededFuture(new Reply(true, what));
  }

  private void onRemote(Message<Object> msg) {
    JsonObject j;
    try {
      j = seal.open(msg.body());
    } catch (SecurityException e) {
      log.warn("rejected a cluster message on {}: {}", Addresses.nodeCommands(self), e.getMessage());
      msg.fail(403, e.getMessage());
      return;
    }
    if ("handoff".equals(j.getString("type"))) {
      Handoff h = Handoff.fromJson(j);
      decide(new GroupEvent.HandoffReceived(h.group(), h.from(), h.epoch(), h.failovers(), h.reason()));
      msg.reply(seal.seal(new Reply(true, "handoff received").toJson()));
    } else {
      Command c = Command.fromJson(j);
      vertx.eventBus().<Reply>request(Addresses.GROUP_COMMAND, c, new DeliveryOptions().setSendTimeout(FORWARD_TIMEOUT_MS))
          .onComplete(ar -> msg.reply(seal.seal((ar.succeeded() ? ar.result().body()
              : new Reply(false, ar.cause().getMessage())).toJson())));
    }
  }

  private void onRecovery(Recovery r) {
    GroupRunner runner = runners.get(r.group());
    boolean online = local.getOrDefault(r.group(), LocalGroup.INITIAL).state() == GroupState.ONLINE;
    switch (r.step()) {
      case REACTIVATE_RESOURCE -> {
        if (online && runner != null) {
          runner.reactivate(r.resource(), Reason.of(r.reason())).onComplete(ar -> publish());
        }
      }
      case REACTIVATE_GROUP -> {
        if (online && runner != null) {
          runner.deactivate(Reason.of(r.reason())).compose(o -> runner.activate(Reason.of(r.reason())))
              .onComplete(ar -> publish());
        }
      }
      case FAILOVER_GROUP -> decide(new GroupEvent.FailoverRequested(r.group(), r.reason()));
      case STOP_GROUP -> decide(new GroupEvent.StopRequested(r.group(), "recovery"));
      case STOP_CLUSTER_SERVICE -> vertx.eventBus().send(Addresses.SHUTDOWN, r.reason());
    }
  }

  /**
   * Membership changes and the periodic look at the claims, unless this node is isolated: an
   * isolated node sees itself as the only live server, so every group a peer last held would look
   * orphaned and be started here, on the one node that must not start anything. Isolation ends
   * with a StartupComplete and the next periodic look settles whatever waited.
   */
  private void reconsider(GroupEvent event) {
    if (!isolated) {
      decide(event);
    }
  }

  /** Runs the decider on an event, keeps its new local state and carries out its actions. */
  private List<GroupAction> decide(GroupEvent event) {
    Set<String> liveNow = isolated ? Set.of(self) : live;
    GroupView view = new GroupView(self, config.groups(), config.servers().stream().map(s -> s.name()).toList(),
        liveNow, peerClaims, local, startupComplete);
    GroupDecision d = GroupDecider.decide(view, event);
    boolean changed = !d.local().equals(local);
    local = new HashMap<>(d.local());
    d.actions().forEach(this::run);
    if (changed) {
      publish();
    }
    return d.actions();
  }

  private void run(GroupAction a) {
    if (a instanceof GroupAction.Activate act && shuttingDown) {
      log.info("not activating group {} while the cluster service stops", act.group());
      decide(new GroupEvent.ActivationFailed(act.group(), "-", 0, "cluster service stopping", 0,
          io.zoneha.engine.config.FinalAction.NONE));
    } else if (a instanceof GroupAction.Activate act) {
      log.info("activate group {} (epoch {}): {}", act.group(), act.epoch(), act.reason());
      activate(act.group(), act.reason());
    } else if (a instanceof GroupAction.Deactivate d) {
      log.info("deactivate group {}: {}", d.group(), d.reason());
      deactivate(d.group(), d.reason());
    } else if (a instanceof GroupAction.Handoff h) {
      log.info("hand group {} to {}: {}", h.group(), h.to(), h.reason());
      Handoff msg = new Handoff(h.group(), self, h.epoch(), h.failovers(), h.reason());
      vertx.eventBus().request(Addresses.nodeCommands(h.to()), seal.seal(msg.toJson()),
              new DeliveryOptions().setSendTimeout(FORWARD_TIMEOUT_MS))
          .onFailure(e -> alert(GroupAction.Severity.ERROR, h.group(), "handoff of " + h.group() + " to " + h.to() + " failed: " + e.getMessage()));
    } else if (a instanceof GroupAction.Alert al) {
      alert(al.severity(), al.group(), al.reason());
    } else if (a instanceof GroupAction.Reject r) {
      log.info("refused for group {}: {}", r.group(), r.reason());
    } else if (a instanceof GroupAction.StopClusterService s) {
      alert(GroupAction.Severity.ERROR, null, "stopping the cluster service on " + self + ": " + s.reason());
      vertx.eventBus().send(Addresses.SHUTDOWN, s.reason());
    }
    // Forward is carried out by the command handler that asked for it.
  }

  private void activate(String group, String reason) {
    GroupRunner runner = runners.get(group);
    runner.activate(Reason.of(reason)).onComplete(ar -> {
      GroupRunner.Outcome o = ar.result();
      if (o.ok()) {
        decide(new GroupEvent.ActivationSucceeded(group));
        return;
      }
      ResourceConfig rc = runner.resource(o.resource()).orElseThrow();
      boolean rollbackFailed = runner.states().stream().anyMatch(s -> s.state().equals(ResourceState.ERROR.label())
          && !s.name().equals(o.resource()));
      if (rollbackFailed) {
        decide(new GroupEvent.DeactivationFailed(group, o.resource(), o.failure().code(), o.failure().getMessage(),
            rc.deactivation().finalAction()));
      } else {
        decide(new GroupEvent.ActivationFailed(group, o.resource(), o.failure().code(), o.failure().getMessage(),
            rc.activation().failovers(), rc.activation().finalAction()));
      }
    });
  }

  private void deactivate(String group, String reason) {
    GroupRunner runner = runners.get(group);
    runner.deactivate(Reason.of(reason)).onComplete(ar -> {
      GroupRunner.Outcome o = ar.result();
      if (o.ok()) {
        decide(new GroupEvent.DeactivationSucceeded(group));
      } else {
        decide(new GroupEvent.DeactivationFailed(group, o.resource(), o.failure().code(), o.failure().getMessage(),
            runner.resource(o.resource()).orElseThrow().deactivation().finalAction()));
      }
    });
  }

  private void alert(GroupAction.Severity severity, String group, String text) {
    switch (severity) {
      case INFO -> log.info("{}", text);
      case WARNING -> log.warn("{}", text);
      case ERROR -> log.error("{}", text);
    }
    StatusParts.Alert a = new StatusParts.Alert(System.currentTimeMillis(), self, severity.name().toLowerCase(), group, text);
    vertx.eventBus().publish(Addresses.CLUSTER_ALERTS, seal.seal(new JsonObject().put("time", a.time())
        .put("server", a.server()).put("severity", a.severity()).put("group", a.group()).put("message", a.message())));
  }

  /** Shares this node's claims (for heartbeats) and group/resource status. */
  private void publish() {
    Map<String, Claim> claims = new HashMap<>();
    List<GroupStatus> groups = new ArrayList<>();
    List<ResourceStatus> resources = new ArrayList<>();
    for (GroupConfig g : config.groups()) {
      LocalGroup lg = local.getOrDefault(g.name(), LocalGroup.INITIAL);
      claims.put(g.name(), lg.claim());
      groups.add(new GroupStatus(g.name(), lg.state().label(), lg.epoch(), lg.lastError()));
      GroupRunner r = runners.get(g.name());
      if (r != null) {
        resources.addAll(r.states());
      }
    }
    vertx.eventBus().publish(Addresses.LOCAL_CLAIMS, new LocalClaims(claims));
    vertx.eventBus().publish(Addresses.STATUS_PART, new StatusParts.Groups(groups, resources));
  }

  /** Publishes status from any thread (resource drivers report progress from their own). */
  public void publishSoon() {
    if (context != null) {
      context.runOnContext(v -> publish());
    }
  }

  /**
   * Takes a configuration installed live (same servers, groups and startup servers; see
   * io.zoneha.engine.apply.ConfigDiff). The decider reads {@code next} from now on. Each group in
   * {@code restart} gets a new runner from {@code runnerFor}; where it runs here, it is first
   * stopped and afterwards started again on this server, both through the decider like an
   * operator's stop and start, so its state, claims and failure handling stay the usual ones.
   * Groups run one after the other. Answers what happened to each restarted group.
   */
  public Future<List<String>> install(ClusterConfig next, List<String> restart, Function<GroupConfig, GroupRunner> runnerFor) {
    Promise<List<String>> done = Promise.promise();
    context.runOnContext(v -> {
      config = next;
      List<String> report = new ArrayList<>();
      Future<?> chain = Future.succeededFuture();
      for (String g : restart) {
        chain = chain.compose(x -> restartForConfig(next.group(g).orElseThrow(), runnerFor).map(report::add));
      }
      chain.onComplete(ar -> done.complete(report));
    });
    return done.future();
  }

  private Future<String> restartForConfig(GroupConfig g, Function<GroupConfig, GroupRunner> runnerFor) {
    GroupRunner old = runners.get(g.name());
    if (old == null) {
      return Future.succeededFuture(g.name() + ": not run on " + self);
    }
    String why = "configuration " + config.fingerprint() + " changes its resources";
    return old.idle().compose(v -> {
      boolean wasRunning = local.getOrDefault(g.name(), LocalGroup.INITIAL).state().holds();
      if (wasRunning) {
        log.info("restarting group {} in place on {}: {}", g.name(), self, why);
        decide(new GroupEvent.StopRequested(g.name(), "configuration apply"));
      }
      // the stop is queued on the old runner; once it is idle the decider has seen the outcome
      return old.idle().map(x -> wasRunning);
    }).compose(wasRunning -> {
      GroupState now = local.getOrDefault(g.name(), LocalGroup.INITIAL).state();
      if (now != GroupState.OFFLINE) {
        alert(GroupAction.Severity.ERROR, g.name(), "group " + g.name() + " did not stop for the new configuration ("
            + now.label() + " on " + self + "); it keeps its old resources until the cluster service restarts");
        return Future.succeededFuture(g.name() + ": " + now.label() + ", not restarted");
      }
      return old.close().map(x -> {
        GroupRunner fresh;
        try {
          fresh = runnerFor.apply(g);
        } catch (RuntimeException e) {
          // the old drivers are closed: the group stays offline here rather than run half-configured
          alert(GroupAction.Severity.ERROR, g.name(), "group " + g.name() + " cannot be built from configuration "
              + config.fingerprint() + " on " + self + " (" + e.getMessage() + "); it stays offline here until the "
              + "cluster service restarts");
          return g.name() + ": not restarted, its resources could not be built: " + e.getMessage();
        }
        runners.put(g.name(), fresh);
        publish();
        if (!wasRunning) {
          return g.name() + ": resources replaced (not running on " + self + ")";
        }
        decide(new GroupEvent.StartRequested(g.name(), self, "configuration apply"));
        return g.name() + ": restarted on " + self;
      });
    });
  }

  /** Stops every group held here before the node leaves; runs on this verticle's context. */
  public Future<Void> stopAll() {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      shuttingDown = true;
      List<Future<?>> all = new ArrayList<>();
      for (Map.Entry<String, LocalGroup> e : Map.copyOf(local).entrySet()) {
        if (e.getValue().state().holds()) {
          all.add(runners.get(e.getKey()).deactivate(Reason.of("cluster service stopping on " + self)));
        }
      }
      Future.join(all).onComplete(ar -> done.complete());
    });
    return done.future();
  }
}
