package io.zoneha.engine.status;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import io.zoneha.engine.bus.ConfigMessages;
import io.zoneha.engine.config.ClusterConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's status from the parts its verticles publish, shares it with the cluster,
 * remembers what the other nodes shared and the recent alerts, and answers status queries.
 * Publishes {@link #CHANGED} (the cluster JSON) whenever something changed, for live views.
 */
public final class StatusVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(StatusVerticle.class);
  /** Local publication of the whole cluster status after any change (WebSocket stream). */
  public static final String CHANGED = "zoneha.local.status.changed";
  private static final int MAX_ALERTS = 200;
  private static final long REPUBLISH_MS = 2000;

  /** Replaced when a configuration is installed live (same servers and secret, new fingerprint). */
  private ClusterConfig config;
  private final String self;
  private final ClusterSeal seal;
  private final Map<String, NodeStatus> nodes = new HashMap<>();
  private final Deque<StatusParts.Alert> alerts = new ArrayDeque<>();
  private StatusParts.Groups groups = new StatusParts.Groups(List.of(), List.of());
  private StatusParts.Monitors monitors = new StatusParts.Monitors(List.of());
  private StatusParts.Details details = new StatusParts.Details(List.of());
  private StatusParts.Membership membership = new StatusParts.Membership("online", List.of(), List.of());
  private StatusParts.Witness witness;
  private boolean dirty;

  public StatusVerticle(ClusterConfig config, String self) {
    this.config = config;
    this.self = self;
    this.seal = new ClusterSeal(config.secret());
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().<StatusParts.Part>localConsumer(Addresses.STATUS_PART, m -> onPart(m.body()));
    vertx.eventBus().consumer(Addresses.CLUSTER_STATUS, m -> onPeer(m.body()));
    vertx.eventBus().consumer(Addresses.CLUSTER_ALERTS, m -> onAlert(m.body()));
    vertx.eventBus().localConsumer(Addresses.STATUS_QUERY, m -> m.reply(clusterJson()));
    vertx.eventBus().<ConfigMessages.Installed>localConsumer(Addresses.CONFIG_INSTALLED, m -> {
      config = m.body().config();
      rebuild();
      share();
    });
    vertx.setPeriodic(REPUBLISH_MS, id -> share());
    rebuild();
    return Future.succeededFuture();
  }

  private void onPart(StatusParts.Part p) {
    if (p instanceof StatusParts.Groups g) {
      groups = g;
    } else if (p instanceof StatusParts.Monitors m) {
      monitors = m;
    } else if (p instanceof StatusParts.Membership m) {
      membership = m;
      // what a server said before it was lost is stale: if it comes back (maybe as a new process,
      // maybe while the cluster manager is still split) it shows as offline until it reports again
      nodes.keySet().removeIf(server -> !server.equals(self) && !m.live().contains(server));
    } else if (p instanceof StatusParts.Details d) {
      details = d;
    } else if (p instanceof StatusParts.Witness w) {
      witness = w;
    }
    rebuild();
    share();
  }

  private void rebuild() {
    nodes.put(self, new NodeStatus(self, membership.state(), config.fingerprint(), membership.links(),
        groups.groups(), groups.resources(), monitors.monitors(), details.details()));
    changed();
  }

  private void share() {
    vertx.eventBus().publish(Addresses.CLUSTER_STATUS, seal.seal(nodes.get(self).toJson()));
  }

  private void onPeer(Object body) {
    try {
      NodeStatus n = NodeStatus.fromJson(seal.open(body));
      if (!n.server().equals(self) && !n.equals(nodes.get(n.server()))) {
        nodes.put(n.server(), n);
        changed();
      }
    } catch (SecurityException e) {
      log.warn("rejected a status message: {}", e.getMessage());
    }
  }

  private void onAlert(Object body) {
    try {
      JsonObject j = seal.open(body);
      alerts.addFirst(new StatusParts.Alert(j.getLong("time"), j.getString("server"), j.getString("severity"),
          j.getString("group"), j.getString("message")));
      while (alerts.size() > MAX_ALERTS) {
        alerts.removeLast();
      }
      changed();
    } catch (SecurityException e) {
      log.warn("rejected an alert message: {}", e.getMessage());
    }
  }

  private void changed() {
    if (!dirty) {
      dirty = true;
      // coalesce bursts of changes into one notification per event-loop turn
      vertx.runOnContext(v -> {
        dirty = false;
        vertx.eventBus().publish(CHANGED, clusterJson());
      });
    }
  }

  private JsonObject clusterJson() {
    Set<String> live = new LinkedHashSet<>(membership.live());
    live.add(self);
    JsonObject j = ClusterStatusAssembler.assemble(config, self, nodes, live, List.copyOf(alerts));
    return withWitness(j);
  }

  /** What the witness says, as this node sees it: servers it cannot hear but the witness can. */
  private JsonObject withWitness(JsonObject j) {
    if (witness == null) {
      return j;
    }
    j.put("witness", new JsonObject().put("target", witness.target()).put("reachable", witness.reachable())
        .put("lastError", witness.lastError()).put("aliveByWitness", new JsonArray(membership.aliveByWitness())));
    for (Object o : j.getJsonArray("servers")) {
      JsonObject server = (JsonObject) o;
      if (membership.aliveByWitness().contains(server.getString("name"))) {
        server.put("state", "unreachable").put("note", "no heartbeats on any interconnect, but the witness hears it");
      }
    }
    return j;
  }
}
