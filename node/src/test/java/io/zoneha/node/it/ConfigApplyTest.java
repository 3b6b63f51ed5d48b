package io.zoneha.node.it;

import static io.zoneha.node.it.TestCluster.groupOnlineOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/config/apply on two real node JVMs. What restarts follows the change: a monitor
 * setting restarts nothing, a group's resource restarts only that group where it runs, a
 * heartbeat setting restarts the cluster service one server at a time, standby first.
 */
class ConfigApplyTest {
  private static final int SUBNET = 31;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void heartbeatTimingRestartsTheStandbyFirstSoTheGroupMovesOnce() throws Exception {
    String before = Yaml.header("it-apply", SUBNET, 2) + Yaml.markerGroup("failover1", "app1");
    String after = before.replace("timeout: 1500ms", "timeout: 1600ms")
        + "      - name: app2\n        type: exec\n        dependsOn: [app1]\n"
        + "        params:\n          start: \"touch @DIR@/app2-$ZONEHA_SERVER\"\n";
    try (TestCluster c = new TestCluster(SUBNET, before)) {
      c.startWithOwnConfig("node1", "node2");
      JsonObject s = c.await(2, WAIT, "failover1 online on node1", groupOnlineOn("failover1", "node1"));
      String oldFingerprint = s.getString("fingerprint");

      HttpResponse<String> r = c.post(2, "/api/v1/config/apply?base=" + oldFingerprint,
          after.replace("@DIR@", c.dir.toString()));
      assertEquals(200, r.statusCode(), r.body());
      JsonObject body = new JsonObject(r.body());
      String version = body.getString("version");
      assertEquals("rolling", body.getJsonObject("plan").getString("impact"), r.body());
      assertEquals(List.of("node2", "node1"), body.getJsonObject("plan").getJsonArray("restartOrder").getList());

      for (int node = 1; node <= 2; node++) {
        c.await(node, WAIT, "node " + node + " sees both servers on " + version + " and app2 online on node2",
            x -> bothRun(x, version) && groupOnlineOn("failover1", "node2").test(x) && resourceOnline(x, "app2", "node2"));
      }
      assertEquals(1, lines(c.dir.resolve("starts-node2")).size(), "failover1 moved once, onto the restarted standby");
      assertEquals(1, lines(c.dir.resolve("starts-node1")).size(), "and never came back to node1");
      for (String server : new String[] {"node1", "node2"}) {
        assertTrue(Files.readString(c.configOf(server)).contains("name: app2"), server + " has the new file");
        assertTrue(Files.exists(c.dir.resolve("cluster-" + server + ".yaml.previous")));
      }
    }
  }

  @Test
  void aMonitorSettingRestartsNothingAndAResourceChangeOnlyItsGroup() throws Exception {
    String before = Yaml.header("it-apply-live", SUBNET + 1, 2) + "groups:\n" + loggedGroup("failover1", "app1", "start")
        + loggedGroup("failover2", "db1", "start")
        + "monitors:\n  - name: health1\n    type: customw\n    interval: 200ms\n    retries: 1\n"
        + "    when: active\n    target: app1\n    params:\n      script: \"true\"\n";
    try (TestCluster c = new TestCluster(SUBNET + 1, before)) {
      c.startWithOwnConfig("node1", "node2");
      JsonObject s = c.await(2, WAIT, "both groups online on node1, health1 normal",
          x -> groupOnlineOn("failover1", "node1").test(x) && groupOnlineOn("failover2", "node1").test(x)
              && "normal".equals(monitorState(x, "health1", "node1")));

      // 1. only the monitor's interval and retries: taken live
      String thresholds = before.replace("interval: 200ms\n    retries: 1", "interval: 300ms\n    retries: 2");
      JsonObject live = apply(c, s.getString("fingerprint"), thresholds);
      assertEquals("live", live.getJsonObject("plan").getString("impact"), live.encode());
      String v1 = live.getString("version");
      c.await(1, WAIT, "both servers took " + v1 + " live", takenLive(v1));
      JsonObject afterLive = c.await(1, WAIT, "health1 checks again on node1", x -> "normal".equals(monitorState(x, "health1", "node1")));
      assertTrue(groupOnlineOn("failover1", "node1").test(afterLive) && groupOnlineOn("failover2", "node1").test(afterLive));
      assertEquals(List.of("start"), lines(c.dir.resolve("app1-node1")), "app1 never stopped");
      assertEquals(List.of("start"), lines(c.dir.resolve("db1-node1")), "db1 never stopped");

      // 2. one resource of failover2: only failover2 restarts, where it runs
      String db = thresholds.replace("echo start >> @DIR@/db1", "echo start2 >> @DIR@/db1");
      JsonObject groups = apply(c, v1, db);
      assertEquals("groups", groups.getJsonObject("plan").getString("impact"), groups.encode());
      assertEquals(List.of("failover2"), groups.getJsonObject("plan").getJsonArray("restartGroups").getList());
      String v2 = groups.getString("version");
      JsonObject done = c.await(1, WAIT, "both servers took " + v2 + " and failover2 is back on node1",
          x -> takenLive(v2).test(x) && groupOnlineOn("failover2", "node1").test(x));
      assertTrue(groupOnlineOn("failover1", "node1").test(done), done.encodePrettily());
      assertEquals(List.of("start", "stop", "start2"), lines(c.dir.resolve("db1-node1")), "failover2 restarted in place");
      assertEquals(List.of("start"), lines(c.dir.resolve("app1-node1")), "failover1 was not touched");
      assertTrue(!Files.exists(c.dir.resolve("db1-node2")) && !Files.exists(c.dir.resolve("app1-node2")),
          "nothing ever ran on node2");
      assertTrue(alerts(done).stream().anyMatch(m -> m.contains("failover2: restarted on node1")), alerts(done).toString());
    }
  }

  /** A group with one exec resource that logs each start and stop to DIR/RESOURCE-SERVER. */
  private static String loggedGroup(String group, String resource, String startWord) {
    return "  - name: " + group + "\n    resources:\n      - name: " + resource + "\n        type: exec\n"
        + "        params:\n"
        + "          start: \"echo " + startWord + " >> @DIR@/" + resource + "-$ZONEHA_SERVER\"\n"
        + "          stop: \"echo stop >> @DIR@/" + resource + "-$ZONEHA_SERVER\"\n";
  }

  private static JsonObject apply(TestCluster c, String base, String yaml) throws Exception {
    HttpResponse<String> r = c.post(2, "/api/v1/config/apply?base=" + base, yaml.replace("@DIR@", c.dir.toString()));
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  /** Both servers report the version and said in the event log that they took it without a restart. */
  private static Predicate<JsonObject> takenLive(String version) {
    return x -> bothRun(x, version) && List.of("node1", "node2").stream().allMatch(server -> alerts(x).stream()
        .anyMatch(m -> m.contains("configuration " + version + " taken on " + server + " without a cluster service restart")));
  }

  private static boolean bothRun(JsonObject status, String version) {
    return version.equals(status.getString("fingerprint")) && status.getJsonArray("servers").stream()
        .map(o -> (JsonObject) o).allMatch(s -> "online".equals(s.getString("state")) && version.equals(s.getString("fingerprint")));
  }

  private static boolean resourceOnline(JsonObject status, String resource, String server) {
    return status.getJsonArray("resources").stream().map(o -> (JsonObject) o).anyMatch(res -> resource.equals(res.getString("name"))
        && server.equals(res.getString("server")) && "online".equals(res.getString("state")));
  }

  private static String monitorState(JsonObject status, String monitor, String server) {
    return status.getJsonArray("monitors").stream().map(o -> (JsonObject) o)
        .filter(m -> monitor.equals(m.getString("name")) && server.equals(m.getString("server")))
        .map(m -> m.getString("state")).findFirst().orElse("?");
  }

  private static List<String> alerts(JsonObject status) {
    return status.getJsonArray("alerts").stream().map(o -> ((JsonObject) o).getString("message")).toList();
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }
}
