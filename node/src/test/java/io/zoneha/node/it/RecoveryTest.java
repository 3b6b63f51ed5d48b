package io.zoneha.node.it;

import static io.zoneha.node.it.TestCluster.groupOnlineOn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpServer;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Monitor-driven recovery and network-partition resolution across separate node JVMs. */
class RecoveryTest {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration ACT = Duration.ofSeconds(30);

  @Test
  void aFailingMonitorFirstReactivatesThenFailsTheGroupOver() throws Exception {
    String yaml = Yaml.header("it-recovery", 21, 2) + Yaml.markerGroup("failover1", "app1")
        + "monitors:\n  - name: health1\n    type: customw\n    interval: 200ms\n    retries: 1\n"
        + "    when: active\n    target: app1\n"
        + "    recovery: {target: app1, reactivations: 1, failovers: 1, finalAction: none}\n"
        + "    params:\n      script: \"true\"\n"
        + "    servers:\n      node1: {script: \"test ! -f @DIR@/broken-node1\"}\n"
        + "      node2: {script: \"test ! -f @DIR@/broken-node2\"}\n";
    try (TestCluster c = new TestCluster(21, yaml)) {
      c.start("node1", "node2");
      c.await(2, START, "failover1 online on node1", groupOnlineOn("failover1", "node1"));
      c.await(1, START, "health1 normal on node1", s -> monitorState(s, "health1", "node1").equals("normal"));

      var suspend = c.post(1, "/api/v1/monitors/health1/suspend", "");
      assertEquals(202, suspend.statusCode(), suspend.body());
      c.await(2, ACT, "health1 suspended on node1", s -> monitorState(s, "health1", "node1").equals("suspended"));
      var resume = c.post(2, "/api/v1/monitors/health1/resume", "");
      assertEquals(202, resume.statusCode(), resume.body());
      c.await(1, ACT, "health1 back to normal on node1", s -> monitorState(s, "health1", "node1").equals("normal"));

      Files.writeString(c.dir.resolve("broken-node1"), "x");
      c.await(2, ACT, "failover1 failed over to node2", groupOnlineOn("failover1", "node2"));
      long starts = Files.readAllLines(c.dir.resolve("starts-node1")).size();
      assertEquals(2, starts, "node1 started app1 once, then reactivated it once before failing over");
    }
  }

  @Test
  void aNodeThatCannotReachTheNpTargetDoesNotTakeOver() throws Exception {
    Vertx vertx = Vertx.vertx();
    String npHost = TestCluster.addr(22, 254);
    // the NP target answers 200 to node1's address only: node2 is cut off from it
    HttpServer np = vertx.createHttpServer().requestHandler(r -> r.response()
        .setStatusCode(r.remoteAddress().hostAddress().equals(TestCluster.addr(22, 1)) ? 200 : 503).end())
        .listen(29080, npHost).await();
    String yaml = Yaml.header("it-np", 22, 2)
        + "np:\n  - type: http\n    target: " + npHost + "\n    port: 29080\n    ssl: false\n"
        + Yaml.markerGroup("failover1", "app1");
    try (TestCluster c = new TestCluster(22, yaml)) {
      c.start("node1", "node2");
      c.await(2, START, "failover1 online on node1", groupOnlineOn("failover1", "node1"));

      c.node("node1").kill9();
      c.await(2, ACT, "node2 declares itself isolated", s -> "isolated".equals(FailoverTest.serverState(s, "node2")));
      c.await(2, ACT, "failover1 stays offline", s -> "offline".equals(TestCluster.groupState(s, "failover1")));
      // also across two periodic looks at the claims (every heartbeat.timeout): an isolated node that
      // counts only itself as live must not start the group node1 held as an "orphan"
      long until = System.nanoTime() + Duration.ofMillis(2 * 1500 + 500).toNanos();
      while (System.nanoTime() < until) {
        assertEquals(false, Files.exists(c.dir.resolve("active-node2")), "node2 never started app1\n" + c.logs());
        Thread.sleep(50); // the pace of polling
      }
    } finally {
      np.close().await();
      vertx.close().await();
    }
  }

  static String monitorState(io.vertx.core.json.JsonObject s, String monitor, String server) {
    return s.getJsonArray("monitors").stream().map(o -> (io.vertx.core.json.JsonObject) o)
        .filter(o -> o.getString("name").equals(monitor) && o.getString("server").equals(server))
        .findFirst().map(o -> o.getString("state")).orElse("?");
  }
}
