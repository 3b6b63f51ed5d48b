package io.zoneha.engine.status;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.config.ServerConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the cluster-wide status (the shape of {@code status --json}) from the latest status of
 * each node this node can hear. Servers it cannot hear are offline; their resources are unknown.
 */
public final class ClusterStatusAssembler {
  private ClusterStatusAssembler() {}

  public static JsonObject assemble(ClusterConfig config, String self, Map<String, NodeStatus> nodes,
      Set<String> live, List<StatusParts.Alert> alerts) {
    JsonObject j = new JsonObject().put("cluster", config.name()).put("reportedBy", self)
        .put("fingerprint", config.fingerprint());
    JsonArray servers = new JsonArray();
    for (ServerConfig s : config.servers()) {
      NodeStatus n = live.contains(s.name()) ? nodes.get(s.name()) : null;
      JsonObject o = new JsonObject().put("name", s.name()).put("state", n == null ? "offline" : n.state())
          .put("az", s.az());
      if (n != null) {
        o.put("fingerprint", n.fingerprint());
        o.put("interconnects", new JsonArray(n.links().stream().map(l -> new JsonObject().put("peer", l.peer())
            .put("link", l.link()).put("address", l.address()).put("state", l.up() ? "up" : "down")).toList()));
      }
      servers.add(o);
    }
    j.put("servers", servers);
    JsonArray groups = new JsonArray();
    JsonArray resources = new JsonArray();
    for (GroupConfig g : config.groups()) {
      groups.add(group(g, nodes, live));
      for (ResourceConfig r : g.resources()) {
        for (String server : g.startupServers()) {
          resources.add(resource(r, g, server, live.contains(server) ? nodes.get(server) : null));
        }
      }
    }
    j.put("groups", groups).put("resources", resources).put("monitors", monitors(config, nodes, live));
    JsonArray mirrors = mirrors(config, nodes, live);
    if (!mirrors.isEmpty()) {
      j.put("mirrors", mirrors);
    }
    j.put("alerts", new JsonArray(alerts.stream().map(a -> new JsonObject().put("time", a.time())
        .put("server", a.server()).put("severity", a.severity()).put("group", a.group())
        .put("message", a.message())).toList()));
    return j;
  }

  private static JsonObject group(GroupConfig g, Map<String, NodeStatus> nodes, Set<String> live) {
    String best = "offline";
    String server = null;
    String lastError = "";
    for (String s : g.startupServers()) {
      NodeStatus n = live.contains(s) ? nodes.get(s) : null;
      Optional<NodeStatus.GroupStatus> gs = n == null ? Optional.empty()
          : n.groups().stream().filter(x -> x.name().equals(g.name())).findFirst();
      if (gs.isEmpty()) {
        continue;
      }
      if (!gs.get().lastError().isEmpty() && lastError.isEmpty()) {
        lastError = gs.get().lastError();
      }
      if (rank(gs.get().state()) > rank(best)) {
        best = gs.get().state();
        server = s;
      }
    }
    return new JsonObject().put("name", g.name()).put("state", best).put("server", server)
        .put("lastError", lastError);
  }

  /** Which state wins when servers disagree: an active one over a transition over offline. */
  private static int rank(String state) {
    return switch (state) {
      case "online" -> 4;
      case "error" -> 3;
      case "starting", "stopping" -> 2;
      default -> 0;
    };
  }

  private static JsonObject resource(ResourceConfig r, GroupConfig g, String server, NodeStatus n) {
    Optional<NodeStatus.ResourceStatus> rs = n == null ? Optional.empty()
        : n.resources().stream().filter(x -> x.name().equals(r.name())).findFirst();
    return new JsonObject().put("name", r.name()).put("group", g.name()).put("type", r.type()).put("server", server)
        .put("state", rs.map(NodeStatus.ResourceStatus::state).orElse(n == null ? "unknown" : "offline"))
        .put("code", rs.map(NodeStatus.ResourceStatus::code).orElse(0))
        .put("message", rs.map(NodeStatus.ResourceStatus::message).orElse(""));
  }

  /**
   * One entry per md resource per server: the mirror details that server's driver reports
   * (role, diskState, peerState, syncPercent, dirtyBytes, lagBytes, splitBrain, upToDate, ...),
   * or state "unknown" when the server is not heard or reports nothing.
   */
  private static JsonArray mirrors(ClusterConfig config, Map<String, NodeStatus> nodes, Set<String> live) {
    JsonArray out = new JsonArray();
    for (GroupConfig g : config.groups()) {
      for (ResourceConfig r : g.resources()) {
        if (!r.type().equals("md")) {
          continue;
        }
        for (String server : g.startupServers()) {
          NodeStatus n = live.contains(server) ? nodes.get(server) : null;
          Optional<NodeStatus.ResourceDetails> d = n == null ? Optional.empty()
              : n.details().stream().filter(x -> x.name().equals(r.name())).findFirst();
          JsonObject o = new JsonObject().put("name", r.name()).put("group", g.name()).put("server", server);
          if (d.isPresent()) {
            d.get().values().forEach(o::put);
          } else {
            o.put("state", "unknown").put("upToDate", false);
          }
          out.add(o);
        }
      }
    }
    return out;
  }

  private static JsonArray monitors(ClusterConfig config, Map<String, NodeStatus> nodes, Set<String> live) {
    JsonArray out = new JsonArray();
    for (MonitorConfig m : config.monitors()) {
      for (ServerConfig s : config.servers()) {
        NodeStatus n = live.contains(s.name()) ? nodes.get(s.name()) : null;
        Optional<NodeStatus.MonitorStatus> ms = n == null ? Optional.empty()
            : n.monitors().stream().filter(x -> x.name().equals(m.name())).findFirst();
        out.add(new JsonObject().put("name", m.name()).put("type", m.type()).put("server", s.name())
            .put("state", ms.map(NodeStatus.MonitorStatus::state).orElse(n == null ? "unknown" : "offline"))
            .put("code", ms.map(NodeStatus.MonitorStatus::code).orElse(0))
            .put("message", ms.map(NodeStatus.MonitorStatus::message).orElse("")));
      }
    }
    return out;
  }
}
