package io.zoneha.engine.membership;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.Membership;
import io.zoneha.engine.bus.Membership.Isolation;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ServerConfig;
import io.zoneha.engine.heartbeat.LivenessChange;
import io.zoneha.engine.np.NpChecker;
import io.zoneha.engine.status.NodeStatus.LinkStatus;
import io.zoneha.engine.status.StatusParts;
import java.util.HashMap;
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
 */
public final class MembershipVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(MembershipVerticle.class);

  private final ClusterConfig config;
  private final String self;
  private final Set<String> live = new LinkedHashSet<>();
  private final Map<String, Boolean> links = new HashMap<>();
  private NpChecker np;
  private boolean isolated;
  private boolean startupComplete;

  public MembershipVerticle(ClusterConfig config, String self) {
    this.config = config;
    this.self = self;
  }

  @Override
  public Future<?> start() {
    np = new NpChecker(vertx, config.np(), config.server(self).orElseThrow().primaryAddress());
    live.add(self);
    vertx.eventBus().<LivenessChange>localConsumer(Addresses.LIVENESS, m -> onChange(m.body()));
    vertx.setTimer(config.heartbeat().startupWait().toMillis(),
        id -> completeStartup("startup wait of " + config.heartbeat().startupWait().toMillis() + " ms is over"));
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

  private void completeStartup(String reason) {
    if (!startupComplete) {
      startupComplete = true;
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
    vertx.eventBus().publish(Addresses.STATUS_PART,
        new StatusParts.Membership(isolated ? "isolated" : "online", ls, List.copyOf(live)));
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
