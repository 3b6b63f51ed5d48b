package io.zoneha.engine.node;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.core.spi.cluster.NodeListener;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.Membership;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ServerConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the cluster manager's "member left" into a suspicion of that server. Hazelcast sees a
 * crashed process's connection refused within about a second; the heartbeat tracker then needs
 * only a short silence to declare the server down. A hint, never a verdict.
 */
final class ClusterManagerWatch implements NodeListener {
  private static final Logger log = LoggerFactory.getLogger(ClusterManagerWatch.class);
  private static final int LOOKUP_ATTEMPTS = 20;
  private static final long LOOKUP_RETRY_MS = 250;

  private final Vertx vertx;
  private final ClusterManager cm;
  private final ClusterConfig config;
  private final Map<String, String> serverByNode = new ConcurrentHashMap<>();

  private ClusterManagerWatch(Vertx vertx, ClusterManager cm, ClusterConfig config) {
    this.vertx = vertx;
    this.cm = cm;
    this.config = config;
  }

  static void start(Vertx vertx, ClusterManager cm, ClusterConfig config) {
    ClusterManagerWatch w = new ClusterManagerWatch(vertx, cm, config);
    cm.nodeListener(w);
    for (String nodeId : cm.getNodes()) {
      if (!nodeId.equals(cm.getNodeId())) {
        w.nodeAdded(nodeId);
      }
    }
  }

  @Override
  public void nodeAdded(String nodeId) {
    lookup(nodeId, LOOKUP_ATTEMPTS);
  }

  // A member's node info is published a little after it joins: ask again until it is there.
  private void lookup(String nodeId, int attemptsLeft) {
    Promise<NodeInfo> info = Promise.promise();
    cm.getNodeInfo(nodeId, info);
    info.future().onComplete(ar -> {
      NodeInfo ni = ar.succeeded() ? ar.result() : null;
      String server = ni == null ? null : config.servers().stream().filter(s -> s.primaryAddress().equals(ni.host()))
          .map(ServerConfig::name).findFirst().orElse(null);
      if (server != null) {
        serverByNode.put(nodeId, server);
      } else if (attemptsLeft > 1 && cm.getNodes().contains(nodeId)) {
        vertx.setTimer(LOOKUP_RETRY_MS, id -> lookup(nodeId, attemptsLeft - 1));
      }
    });
  }

  @Override
  public void nodeLeft(String nodeId) {
    String server = serverByNode.remove(nodeId);
    if (server != null) {
      log.info("cluster manager lost {}; watching its heartbeats closely", server);
      vertx.eventBus().send(Addresses.SUSPECT, new Membership.Suspect(server));
    }
  }
}
