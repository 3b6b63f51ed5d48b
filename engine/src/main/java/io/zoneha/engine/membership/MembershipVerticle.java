package io.zoneha.engine.membership;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import io.zoneha.engine.bus.Membership;
import io.zoneha.engine.bus.Membership.Isolation;
import io.zoneha.engine.bus.WitnessMessages;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.NpTarget;
import io.zoneha.engine.config.ServerConfig;
import io.zoneha.engine.group.Claim;
import io.zoneha.engine.heartbeat.LivenessChange;
import io.zoneha.engine.np.NpChecker;
import io.zoneha.engine.status.NodeStatus.LinkStatus;
import io.zoneha.engine.status.StatusParts;
import io.zoneha.engine.time.Clock;
import io.zoneha.engine.witness.WitnessDecider;
import io.zoneha.engine.witness.WitnessDecider.Verdict;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns raw liveness into membership events: a lost peer is confirmed by NP resolution before
 * anyone may take over its groups; a node that reaches no NP target declares itself isolated.
 * Also decides when startup is complete (every server seen, or the startup wait is over).
 *
 * <p>With a witness in the np list, a lost peer is instead judged by {@link WitnessDecider} on
 * what the witness last said, asked again every quarter interval until the verdict settles: down
 * (take over), isolated (stop), or alive behind a broken interconnect (keep asking, move nothing).
 */
public final class MembershipVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(MembershipVerticle.class);

  private final ClusterConfig config;
  private final String self;
  private final Set<String> live = new LinkedHashSet<>();
  private final Map<String, Boolean> links = new HashMap<>();
  private final Map<String, LostPeer> awaitingWitness = new LinkedHashMap<>();
  private final Clock clock;
  private final boolean witness;
  private final ClusterSeal seal;
  private NpChecker np;
  private boolean isolated;
  private boolean startupComplete;
  private WitnessDecider.StartVerdict startupHeldBack;
  /** While startup waits: servers this node does not hear but the witness does. */
  private List<String> startupAliveByWitness = List.of();

  /** A peer declared down whose fate the witness has not settled yet. */
  private static final class LostPeer {
    final long lostAt;
    final Map<String, Claim> claims;
    Verdict last = Verdict.WAIT;
    boolean asking;

    LostPeer(long lostAt, Map<String, Claim> claims) {
      this.lostAt = lostAt;
      this.claims = claims;
    }
  }

  public MembershipVerticle(ClusterConfig config, String self) {
    this(config, self, Clock.SYSTEM);
  }

  public MembershipVerticle(ClusterConfig config, String self, Clock clock) {
    this.config = config;
    this.self = self;
    this.clock = clock;
    this.witness = config.np().stream().anyMatch(NpTarget.Witness.class::isInstance);
    this.seal = new ClusterSeal(config.secret());
  }

  @Override
  public Future<?> start() {
    np = new NpChecker(vertx, config.np(), config.server(self).orElseThrow().primaryAddress());
    live.add(self);
    vertx.eventBus().<LivenessChange>localConsumer(Addresses.LIVENESS, m -> onChange(m.body()));
    if (witness) {
      vertx.setPeriodic(Math.max(20, config.heartbeat().interval().toMillis() / 4),
          id -> List.copyOf(awaitingWitness.keySet()).forEach(this::askWitness));
    }
    vertx.setTimer(config.heartbeat().startupWait().toMillis(), id -> startupWaitOver());
    publishPart();
    return Future.succeededFuture();
  }

  private void onChange(LivenessChange c) {
    switch (c.kind()) {
      case LINK_UP, LINK_DOWN -> {
        links.put(c.peer() + "/" + c.link(), c.kind() == LivenessChange.Kind.LINK_UP);
        log.info("interconnect {} to {} is {}", c.link(), c.peer(), c.kind() == LivenessChange.Kind.LINK_UP ? "up" : "down");
        publishPart();
      }
      case PEER_UP -> peerUp(c);
      case PEER_DOWN -> peerDown(c);
      case CLAIMS_CHANGED -> emit(new Membership.ClaimsChanged(c.peer(), c.claims()));
      case PEER_RESTARTED -> {
        // it restarted faster than the timeout: its old process and what it held are gone
        log.warn("server {} restarted; its groups may fail over", c.peer());
        emit(new Membership.PeerLost(c.peer(), c.claims()));
        emit(new Membership.PeerJoined(c.peer(), Map.of()));
      }
    }
  }

  private void peerUp(LivenessChange c) {
    String peer = c.peer();
    live.add(peer);
    LostPeer was = awaitingWitness.remove(peer);
    if (was != null && was.last == Verdict.PEER_ALIVE) {
      log.warn("heartbeats from {} again: the interconnect works again", peer);
    }
    log.info("server {} is up", peer);
    emit(new Membership.PeerJoined(peer, c.claims()));
    if (isolated) {
      setIsolated(false, "heartbeats from " + peer + " again");
    }
    if (live.size() == config.servers().size()) {
      completeStartup("every server is up");
    }
    publishPart();
  }

  private void peerDown(LivenessChange c) {
    live.remove(c.peer());
    publishPart();
    if (witness) {
      log.warn("server {} missed heartbeats on every interconnect; asking the witness", c.peer());
      awaitingWitness.put(c.peer(), new LostPeer(clock.monoMillis(), c.claims()));
      askWitness(c.peer());
      return;
    }
    log.warn("server {} missed heartbeats on every interconnect; checking network partition targets", c.peer());
    np.check().onComplete(ar -> {
      NpChecker.Outcome o = ar.succeeded() ? ar.result() : new NpChecker.Outcome(false, String.valueOf(ar.cause()));
      if (live.contains(c.peer())) {
        log.info("server {} came back during the NP check; nothing to do", c.peer());
      } else if (o.reachable()) {
        log.warn("server {} is down ({}); its groups may fail over", c.peer(), o.detail());
        emit(new Membership.PeerLost(c.peer(), c.claims()));
      } else {
        setIsolated(true, "lost " + c.peer() + " and reached no NP target (" + o.detail() + ")");
      }
    });
  }

  private void askWitness(String peer) {
    LostPeer p = awaitingWitness.get(peer);
    if (p == null || p.asking) {
      return;
    }
    p.asking = true;
    askWitness().onSuccess(view -> {
      p.asking = false;
      if (awaitingWitness.get(peer) == p) {
        judge(peer, p, view);
      }
    });
  }

  /** What the witness client knows now; a client that does not answer counts as no contact. */
  private Future<WitnessMessages.View> askWitness() {
    // local only: a clustered send would first look the address up in the cluster manager, which
    // can hang for seconds while the interconnect (and with it Hazelcast) is cut, the very moment
    // the witness matters
    DeliveryOptions quick = new DeliveryOptions().setLocalOnly(true)
        .setSendTimeout(config.heartbeat().timeout().toMillis());
    return vertx.eventBus().<WitnessMessages.View>request(Addresses.WITNESS_QUERY, new WitnessMessages.Query(), quick)
        .map(Message::body)
        .otherwise(e -> new WitnessMessages.View(Long.MAX_VALUE, Map.of(), "witness client: " + e.getMessage()));
  }

  private void judge(String peer, LostPeer p, WitnessMessages.View view) {
    long now = clock.monoMillis();
    WitnessDecider.Decision d = WitnessDecider.decide(new WitnessDecider.Input(view.contactAge(), view.silenceOf(peer),
        Math.max(0, now - p.lostAt), config.heartbeat().timeout().toMillis(), config.heartbeat().interval().toMillis()));
    Verdict before = p.last;
    p.last = d.verdict();
    switch (d.verdict()) {
      case PEER_DOWN -> {
        awaitingWitness.remove(peer);
        log.warn("server {} is down ({}); its groups may fail over", peer, d.reason());
        emit(new Membership.PeerLost(peer, p.claims));
      }
      case ISOLATED -> {
        awaitingWitness.remove(peer);
        setIsolated(true, "lost " + peer + " and " + d.reason() + " at " + view.detail());
      }
      case PEER_ALIVE -> {
        if (before != Verdict.PEER_ALIVE) {
          String text = "the interconnect to " + peer + " is down but " + peer + " is alive (" + d.reason()
              + "); not taking over its groups, " + self + " keeps what it runs";
          log.warn("{}", text);
          alert(text);
        }
      }
      case WAIT -> log.debug("server {}: {}", peer, d.reason());
    }
    if ((before == Verdict.PEER_ALIVE) != (d.verdict() == Verdict.PEER_ALIVE)) {
      publishPart();
    }
  }

  /**
   * An alert for this node's own status and UI only: it reports a cut interconnect, so no peer
   * could hear it, and a clustered publish would wait on the cut cluster manager first.
   */
  private void alert(String text) {
    vertx.eventBus().publish(Addresses.CLUSTER_ALERTS, seal.seal(new JsonObject().put("time", clock.wallMillis())
        .put("server", self).put("severity", "warning").putNull("group").put("message", text)),
        new DeliveryOptions().setLocalOnly(true));
  }

  private void setIsolated(boolean value, String reason) {
    if (isolated == value) {
      return;
    }
    isolated = value;
    if (value) {
      log.error("this server is isolated: {}; stopping its groups", reason);
    } else {
      log.warn("this server is no longer isolated: {}", reason);
    }
    vertx.eventBus().publish(Addresses.ISOLATION_FLAG, value);
    emit(new Isolation(value, reason));
    publishPart();
  }

  private void startupWaitOver() {
    String waited = "startup wait of " + config.heartbeat().startupWait().toMillis() + " ms is over";
    if (!witness) {
      completeStartup(waited);
      return;
    }
    askWitness().onSuccess(view -> {
      Map<String, Long> unheard = new LinkedHashMap<>();
      config.servers().stream().map(ServerConfig::name).filter(n -> !live.contains(n))
          .forEach(n -> unheard.put(n, view.silenceOf(n)));
      WitnessDecider.StartDecision d = WitnessDecider.decideStart(view.contactAge(), unheard,
          config.heartbeat().timeout().toMillis(), config.heartbeat().interval().toMillis());
      if (d.verdict() == WitnessDecider.StartVerdict.START_ALONE || startupComplete) {
        completeStartup(waited + "; " + d.reason());
        return;
      }
      if (startupHeldBack == null || startupHeldBack != d.verdict()) {
        startupHeldBack = d.verdict();
        log.warn("not starting groups alone yet: {}", d.reason());
      }
      List<String> alive = unheard.entrySet().stream().filter(e -> e.getValue() < config.heartbeat().timeout().toMillis())
          .map(Map.Entry::getKey).toList();
      if (!alive.equals(startupAliveByWitness)) {
        startupAliveByWitness = alive;
        publishPart();
      }
      vertx.setTimer(Math.max(20, config.heartbeat().interval().toMillis() / 4), id -> startupWaitOver());
    });
  }

  private void completeStartup(String reason) {
    if (!startupComplete) {
      startupComplete = true;
      startupAliveByWitness = List.of();
      log.info("startup complete: {}", reason);
      emit(new Membership.StartupComplete(reason));
    }
  }

  private void emit(Membership.Event e) {
    vertx.eventBus().publish(Addresses.MEMBERSHIP, e);
  }

  private void publishPart() {
    List<LinkStatus> ls = config.servers().stream().filter(s -> !s.name().equals(self))
        .flatMap(peer -> linksTo(peer).stream()).toList();
    Set<String> aliveByWitness = new LinkedHashSet<>(startupAliveByWitness);
    awaitingWitness.forEach((peer, p) -> {
      if (p.last == Verdict.PEER_ALIVE) {
        aliveByWitness.add(peer);
      }
    });
    vertx.eventBus().publish(Addresses.STATUS_PART,
        new StatusParts.Membership(isolated ? "isolated" : "online", ls, List.copyOf(live), List.copyOf(aliveByWitness)));
  }

  private List<LinkStatus> linksTo(ServerConfig peer) {
    return java.util.stream.IntStream.range(0, peer.interconnects().size())
        .mapToObj(i -> new LinkStatus(peer.name(), i, peer.interconnects().get(i),
            links.getOrDefault(peer.name() + "/" + i, false)))
        .toList();
  }

  @Override
  public Future<?> stop() {
    return np.close();
  }
}
