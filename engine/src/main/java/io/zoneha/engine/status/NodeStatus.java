package io.zoneha.engine.status;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What one node says about itself: its state, interconnects, groups, resources and monitors.
 * Published across the cluster so any node can answer {@code status} for all of them.
 */
public record NodeStatus(
    String server,
    String state,
    String fingerprint,
    List<LinkStatus> links,
    List<GroupStatus> groups,
    List<ResourceStatus> resources,
    List<MonitorStatus> monitors,
    List<ResourceDetails> details) {

  public NodeStatus {
    links = List.copyOf(links);
    groups = List.copyOf(groups);
    resources = List.copyOf(resources);
    monitors = List.copyOf(monitors);
    details = List.copyOf(details);
  }

  /** A status without resource details. */
  public NodeStatus(String server, String state, String fingerprint, List<LinkStatus> links,
      List<GroupStatus> groups, List<ResourceStatus> resources, List<MonitorStatus> monitors) {
    this(server, state, fingerprint, links, groups, resources, monitors, List.of());
  }

  /** The heartbeat path to {@code peer} over interconnect {@code link} ({@code address} is the peer's). */
  public record LinkStatus(String peer, int link, String address, boolean up) {}

  public record GroupStatus(String name, String state, long epoch, String lastError) {}

  public record ResourceStatus(String name, String group, String state, int code, String message) {}

  public record MonitorStatus(String name, String state, int code, String message) {}

  /** What a resource driver reports beyond its state (plain values), see ResourceDriver#details. */
  public record ResourceDetails(String name, String group, Map<String, Object> values) {
    public ResourceDetails {
      values = Map.copyOf(values);
    }
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("server", server).put("state", state).put("fingerprint", fingerprint);
    j.put("links", new JsonArray(links.stream().map(l -> new JsonObject().put("peer", l.peer())
        .put("link", l.link()).put("address", l.address()).put("up", l.up())).toList()));
    j.put("groups", new JsonArray(groups.stream().map(g -> new JsonObject().put("name", g.name())
        .put("state", g.state()).put("epoch", g.epoch()).put("lastError", g.lastError())).toList()));
    j.put("resources", new JsonArray(resources.stream().map(r -> new JsonObject().put("name", r.name())
        .put("group", r.group()).put("state", r.state()).put("code", r.code()).put("message", r.message())).toList()));
    j.put("monitors", new JsonArray(monitors.stream().map(m -> new JsonObject().put("name", m.name())
        .put("state", m.state()).put("code", m.code()).put("message", m.message())).toList()));
    j.put("details", new JsonArray(details.stream().map(d -> new JsonObject().put("name", d.name())
        .put("group", d.group()).put("values", new JsonObject(new java.util.LinkedHashMap<>(d.values())))).toList()));
    return j;
  }

  public static NodeStatus fromJson(JsonObject j) {
    return new NodeStatus(j.getString("server"), j.getString("state"), j.getString("fingerprint"),
        objects(j.getJsonArray("links")).stream().map(o -> new LinkStatus(o.getString("peer"),
            o.getInteger("link"), o.getString("address"), o.getBoolean("up"))).toList(),
        objects(j.getJsonArray("groups")).stream().map(o -> new GroupStatus(o.getString("name"),
            o.getString("state"), o.getLong("epoch"), o.getString("lastError"))).toList(),
        objects(j.getJsonArray("resources")).stream().map(o -> new ResourceStatus(o.getString("name"),
            o.getString("group"), o.getString("state"), o.getInteger("code"), o.getString("message"))).toList(),
        objects(j.getJsonArray("monitors")).stream().map(o -> new MonitorStatus(o.getString("name"),
            o.getString("state"), o.getInteger("code"), o.getString("message"))).toList(),
        objects(j.getJsonArray("details")).stream().map(o -> new ResourceDetails(o.getString("name"),
            o.getString("group"), plain(o.getJsonObject("values")))).toList());
  }

  /** JSON numbers come back as Integer or Long: keep whole numbers as Long so equality holds. */
  private static Map<String, Object> plain(JsonObject o) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    if (o != null) {
      o.forEach(e -> m.put(e.getKey(), e.getValue() instanceof Integer i ? Long.valueOf(i) : e.getValue()));
    }
    m.values().removeIf(java.util.Objects::isNull);
    return m;
  }

  private static List<JsonObject> objects(JsonArray a) {
    return a == null ? List.of() : a.stream().map(o -> (JsonObject) o).toList();
  }
}
