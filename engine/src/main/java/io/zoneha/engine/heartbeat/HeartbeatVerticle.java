package io.zoneha.engine.heartbeat;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.GroupMessages.LocalClaims;
import io.zoneha.engine.bus.Membership.Suspect;
import io.zoneha.engine.bus.ConfigMessages;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ServerConfig;
import io.zoneha.engine.group.Claim;
import io.zoneha.engine.heartbeat.HeartbeatCodec.MalformedHeartbeat;
import io.zoneha.engine.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends and receives heartbeats on every interconnect (one UDP socket per local interconnect
 * address) and publishes {@link LivenessChange}s. Owns the {@link PeerLiveness} tracker.
 */
public final class HeartbeatVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatVerticle.class);

  private final ClusterConfig config;
  private final ServerConfig self;
  private final Clock clock;
  private final HeartbeatCodec codec;
  /** Sent in every heartbeat; follows a configuration installed live (nothing else here changes then). */
  private String fingerprint;
  private final long incarnation;
  private final AtomicLong seq = new AtomicLong();
  private final List<DatagramSocket> sockets = new ArrayList<>();
  private PeerLiveness liveness;
  private Map<String, Claim> claims = Map.of();
  private boolean isolated;
  private long lastTick;

  public HeartbeatVerticle(ClusterConfig config, String server, Clock clock) {
    this.config = config;
    this.self = config.server(server).orElseThrow();
    this.clock = clock;
    this.codec = new HeartbeatCodec(config.secret());
    this.fingerprint = config.fingerprint();
    this.incarnation = clock.wallMillis();
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().<ConfigMessages.Installed>localConsumer(Addresses.CONFIG_INSTALLED,
        m -> fingerprint = m.body().config().fingerprint());
    List<String> peers = config.servers().stream().map(ServerConfig::name).filter(n -> !n.equals(self.name())).toList();
    long timeout = config.heartbeat().timeout().toMillis();
    long interval = config.heartbeat().interval().toMillis();
    liveness = new PeerLiveness(peers, self.interconnects().size(), timeout, Math.min(timeout, 2 * interval + 100));
    vertx.eventBus().<LocalClaims>localConsumer(Addresses.LOCAL_CLAIMS, m -> {
      claims = m.body().claims();
      sendAll();
    });
    vertx.eventBus().<Suspect>localConsumer(Addresses.SUSPECT, m -> liveness.suspect(m.body().peer()));
    vertx.eventBus().<Boolean>localConsumer(Addresses.ISOLATION_FLAG, m -> isolated = m.body());
    List<Future<DatagramSocket>> binds = new ArrayList<>();
    for (int link = 0; link < self.interconnects().size(); link++) {
      binds.add(bind(link));
    }
    return Future.all(binds).onSuccess(v -> {
      lastTick = clock.monoMillis();
      vertx.setPeriodic(interval, id -> sendAll());
      vertx.setPeriodic(Math.max(20, interval / 5), id -> tick());
      log.info("heartbeat on {} port {} every {} ms, timeout {} ms", self.interconnects(),
          config.heartbeat().port(), interval, timeout);
    });
  }

  private Future<DatagramSocket> bind(int link) {
    DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReuseAddress(true));
    socket.handler(p -> receive(link, p));
    sockets.add(socket);
    return socket.listen(config.heartbeat().port(), self.interconnects().get(link));
  }

  private void receive(int link, DatagramPacket packet) {
    HeartbeatPacket p;
    try {
      p = codec.decode(packet.data().getBytes());
    } catch (MalformedHeartbeat e) {
      log.warn("dropped datagram from {} on interconnect {}: {}", packet.sender(), link, e.getMessage());
      return;
    }
    PeerLiveness.Verdict v = liveness.accept(p, link, clock.monoMillis());
    if (v != PeerLiveness.Verdict.ACCEPTED) {
      log.debug("ignored heartbeat from {} ({}) on interconnect {}: {}", p.sender(), packet.sender(), link, v);
    } else if (!fingerprint.equals(p.configFingerprint()) && p.seq() % 20 == 0) {
      log.warn("{} runs a different cluster.yaml (fingerprint {} here, {} there)", p.sender(),
          fingerprint, p.configFingerprint());
    }
  }

  private void sendAll() {
    for (ServerConfig peer : config.servers()) {
      if (peer.name().equals(self.name())) {
        continue;
      }
      for (int link = 0; link < sockets.size(); link++) {
        HeartbeatPacket p = new HeartbeatPacket(self.name(), link, incarnation, seq.incrementAndGet(),
            liveness.ackFor(peer.name()), fingerprint, isolated ? HeartbeatPacket.FLAG_ISOLATED : 0, claims);
        sockets.get(link).send(Buffer.buffer(codec.encode(p)), config.heartbeat().port(), peer.interconnects().get(link));
      }
    }
  }

  private void tick() {
    long now = clock.monoMillis();
    long gap = now - lastTick;
    lastTick = now;
    if (gap > Math.max(1000, config.heartbeat().timeout().toMillis() / 2)) {
      log.warn("this node did not run for {} ms (stopped or starved); giving peers a fresh timeout", gap);
      liveness.resumedAfterPause(now);
    }
    for (LivenessChange c : liveness.evaluate(now, seq.get())) {
      vertx.eventBus().publish(Addresses.LIVENESS, c);
    }
  }

  @Override
  public Future<?> stop() {
    return Future.all(sockets.stream().map(DatagramSocket::close).toList());
  }
}
