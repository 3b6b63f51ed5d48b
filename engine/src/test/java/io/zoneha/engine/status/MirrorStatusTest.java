package io.zoneha.engine.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zoneha.engine.config.AwsConfig;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.HeartbeatConfig;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.config.ServerConfig;
import io.zoneha.engine.status.NodeStatus.ResourceDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Resource details travel in NodeStatus and become the top-level "mirrors" list. */
class MirrorStatusTest {
  private static final ResourceConfig.Recovery REC = new ResourceConfig.Recovery(0, 0, FinalAction.NONE);

  private static ClusterConfig config(String type) {
    ResourceConfig md = new ResourceConfig("data1", type, List.of(), REC, REC, Map.of(), Map.of());
    return new ClusterConfig("t", "secret-0123456789abcdef",
        List.of(new ServerConfig("a", "az1", List.of("127.0.0.1"), "127.0.0.1", 0, 29003),
            new ServerConfig("b", "az2", List.of("127.0.0.2"), "127.0.0.2", 0, 29003)),
        new HeartbeatConfig(HeartbeatConfig.DEFAULT_PORT, HeartbeatConfig.DEFAULT_INTERVAL,
            HeartbeatConfig.DEFAULT_TIMEOUT, HeartbeatConfig.DEFAULT_STARTUP_WAIT),
        List.of(), null, AwsConfig.defaults(),
        List.of(new GroupConfig("g1", List.of("a", "b"), true, false, List.of(md))), List.of(), "fp");
  }

  private static NodeStatus node(String server, Map<String, Object> values) {
    return new NodeStatus(server, "online", "fp", List.of(), List.of(), List.of(), List.of(),
        List.of(new ResourceDetails("data1", "g1", values)));
  }

  private static Map<String, Object> details(String state, boolean upToDate, double pct) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", state);
    m.put("upToDate", upToDate);
    m.put("peerState", state.equals("up-to-date") ? "streaming" : state);
    m.put("syncPercent", pct);
    m.put("dirtyBytes", 65536L);
    m.put("splitBrain", false);
    return m;
  }

  @Test
  void detailsSurviveTheJsonRoundTripUnchanged() {
    NodeStatus n = node("a", details("resync", false, 42.5));
    NodeStatus back = NodeStatus.fromJson(new JsonObject(n.toJson().encode()));
    assertEquals(n, back);
    NodeStatus old = new NodeStatus("a", "online", "fp", List.of(), List.of(), List.of(), List.of());
    assertEquals(old, NodeStatus.fromJson(new JsonObject(old.toJson().encode())));
  }

  @Test
  void oneMirrorEntryPerMdResourcePerServer() {
    ClusterConfig c = config("md");
    JsonObject s = ClusterStatusAssembler.assemble(c, "a",
        Map.of("a", node("a", details("up-to-date", true, 100.0)), "b", node("b", details("resync", false, 10.0))),
        Set.of("a"), List.of());
    JsonArray mirrors = s.getJsonArray("mirrors");
    assertEquals(2, mirrors.size());
    JsonObject a = mirrors.getJsonObject(0);
    assertEquals(List.of("data1", "g1", "a", "up-to-date", true, 65536L),
        List.of(a.getString("name"), a.getString("group"), a.getString("server"), a.getString("state"),
            a.getBoolean("upToDate"), a.getLong("dirtyBytes")));
    JsonObject b = mirrors.getJsonObject(1);
    assertEquals("unknown", b.getString("state"), "b is not heard: its last report is not trusted");
    assertFalse(b.getBoolean("upToDate"));
    assertEquals(List.of("cluster", "reportedBy", "fingerprint", "servers", "groups", "resources", "monitors",
        "mirrors", "alerts"), List.copyOf(s.fieldNames()));
  }

  @Test
  void noMirrorsKeyWithoutMdResources() {
    JsonObject s = ClusterStatusAssembler.assemble(config("exec"), "a", Map.of(), Set.of("a"), List.of());
    assertNull(s.getJsonArray("mirrors"));
  }
}
