package io.zoneha.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records who did what through the management endpoint in the cluster event log: the entry goes
 * out on {@link Addresses#CLUSTER_ALERTS} like the engine's own alerts, so every node's status
 * (and so every UI) shows it, with the acting user at the start of the message.
 */
final class AuditLog {
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private final Vertx vertx;
  private final ClusterSeal seal;
  private final String server;

  AuditLog(Vertx vertx, ClusterSeal seal, String server) {
    this.vertx = vertx;
    this.seal = seal;
    this.server = server;
  }

  /** An operation (or login) by {@code user}; {@code group} may be null. */
  void record(String user, String severity, String group, String what) {
    String message = "user " + user + ": " + what;
    log.info("audit: {}", message);
    vertx.eventBus().publish(Addresses.CLUSTER_ALERTS, seal.seal(new JsonObject()
        .put("time", System.currentTimeMillis()).put("server", server).put("severity", severity)
        .put("group", group).put("message", message)));
  }
}
