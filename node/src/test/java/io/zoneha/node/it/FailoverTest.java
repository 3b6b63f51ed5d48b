package io.zoneha.node.it;

import static io.zoneha.node.it.TestCluster.groupOnlineOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two and three separate node JVMs on loopback: crash, freeze and manual moves. */
class FailoverTest {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration FAILOVER = Duration.ofSeconds(20);

  @Test
  void sigkillOfTheActiveNodeMovesTheGroupToTheStandby() throws Exception {
    try (TestCluster c = new TestCluster(11, Yaml.header("it-kill", 11, 2) + Yaml.markerGroup("failover1", "app1"))) {
      c.start("node1", "node2");
      JsonObject s = c.await(2, START, "failover1 online on node1", groupOnlineOn("failover1", "node1"));
      assertStatusShape(s);
      assertTrue(Files.exists(c.dir.resolve("active-node1")));

      c.node("node1").kill9();
      JsonObject after = c.await(2, FAILOVER, "failover1 online on node2", groupOnlineOn("failover1", "node2"));
      assertEquals("offline", serverState(after, "node1"));
      assertTrue(Files.exists(c.dir.resolve("active-node2")));
    }
  }

  @Test
  void aFrozenNodeThatResumesYieldsInsteadOfStayingActive() throws Exception {
    try (TestCluster c = new TestCluster(12, Yaml.header("it-freeze", 12, 2) + Yaml.markerGroup("failover1", "app1"))) {
      c.start("node1", "node2");
      c.await(2, START, "failover1 online on node1", groupOnlineOn("failover1", "node1"));

      c.node("node1").signal("STOP");
      c.await(2, FAILOVER, "failover1 online on node2 while node1 is frozen", groupOnlineOn("failover1", "node2"));
      c.node("node1").signal("CONT");

      c.await(1, FAILOVER, "node1 sees failover1 on node2 and has stopped its copy",
          s -> groupOnlineOn("failover1", "node2").test(s) && "online".equals(serverState(s, "node1"))
              && resourceState(s, "app1", "node1").equals("offline"));
      c.await(2, FAILOVER, "node2 still owns failover1", groupOnlineOn("failover1", "node2"));
      assertFalse(Files.exists(c.dir.resolve("active-node1")), "the resumed node ran its stop script");
      assertTrue(Files.exists(c.dir.resolve("active-node2")));
    }
  }

  @Test
  void threeNodesFailOverInPriorityOrderAndMoveOnRequest() throws Exception {
    try (TestCluster c = new TestCluster(13, Yaml.header("it-three", 13, 3) + Yaml.markerGroup("failover1", "app1"))) {
      c.start("node1", "node2", "node3");
      c.await(3, START, "failover1 online on node1", groupOnlineOn("failover1", "node1"));

      c.node("node1").kill9();
      c.await(3, FAILOVER, "failover1 online on node2 (next in priority)", groupOnlineOn("failover1", "node2"));

      var moved = c.post(3, "/api/v1/groups/failover1/move", "{\"server\":\"node3\"}");
      assertEquals(202, moved.statusCode(), moved.body());
      c.await(3, FAILOVER, "failover1 moved to node3", groupOnlineOn("failover1", "node3"));
      assertFalse(Files.exists(c.dir.resolve("active-node2")));

      var stop = c.post(2, "/api/v1/groups/failover1/stop", "");
      assertEquals(202, stop.statusCode(), stop.body());
      JsonObject s = c.await(2, FAILOVER, "failover1 offline", x -> "offline".equals(TestCluster.groupState(x, "failover1")));
      assertNull(TestCluster.groupServer(s, "failover1"));
    }
  }

  private static void assertStatusShape(JsonObject s) {
    for (String key : List.of("cluster", "servers", "groups", "resources", "monitors")) {
      assertTrue(s.containsKey(key), "status has " + key + ": " + s);
    }
    JsonObject server = s.getJsonArray("servers").getJsonObject(0);
    assertTrue(server.containsKey("name") && server.containsKey("state"));
    JsonObject res = s.getJsonArray("resources").getJsonObject(0);
    for (String key : List.of("name", "group", "server", "state")) {
      assertTrue(res.containsKey(key), "resource has " + key);
    }
  }

  static String serverState(JsonObject s, String server) {
    return s.getJsonArray("servers").stream().map(o -> (JsonObject) o).filter(o -> o.getString("name").equals(server))
        .findFirst().map(o -> o.getString("state")).orElse("?");
  }

  static String resourceState(JsonObject s, String resource, String server) {
    return s.getJsonArray("resources").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("name").equals(resource) && o.getString("server").equals(server))
        .findFirst().map(o -> o.getString("state")).orElse("?");
  }
}
