package io.zoneha.engine.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import io.zoneha.engine.bus.MonitorMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies cluster-wide operator controls on this node: monitor suspend/resume and cluster stop.
 * Controls arrive signed; anything else is dropped.
 */
public final class ClusterControlVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(ClusterControlVerticle.class);

  private final ClusterSeal seal;

  public ClusterControlVerticle(String secret) {
    this.seal = new ClusterSeal(secret);
  }

  /** The signed message that suspends or resumes a monitor on every node. */
  public static JsonObject monitorControl(String monitor, boolean suspend, String user) {
    return new JsonObject().put("type", "monitor").put("monitor", monitor).put("suspend", suspend).put("user", user);
  }

  /** The signed message that stops the cluster service on every node. */
  public static JsonObject clusterStop(String user) {
    return new JsonObject().put("type", "clusterStop").put("user", user);
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().consumer(Addresses.CLUSTER_CONTROL, m -> {
      JsonObject j;
      try {
        j = seal.open(m.body());
      } catch (SecurityException e) {
        log.warn("rejected a cluster control message: {}", e.getMessage());
        return;
      }
      switch (j.getString("type", "")) {
        case "monitor" -> vertx.eventBus().request(Addresses.MONITOR_CONTROL, new MonitorMessages.Control(
            j.getString("monitor"), j.getBoolean("suspend"), j.getString("user")));
        case "clusterStop" -> vertx.eventBus().send(Addresses.SHUTDOWN, "cluster stop requested by " + j.getString("user"));
        default -> log.warn("unknown cluster control {}", j.getString("type"));
      }
    });
    return Future.succeededFuture();
  }
}
