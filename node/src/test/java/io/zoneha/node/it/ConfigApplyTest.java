package io.zoneha.node.it;

import static io.zoneha.node.it.TestCluster.groupOnlineOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** POST /api/v1/config/apply on two real node JVMs: both install the file and restart with it. */
class ConfigApplyTest {
  private static final int SUBNET = 31;

  @Test
  void anAppliedConfigurationRunsOnBothNodes() throws Exception {
    String before = Yaml.header("it-apply", SUBNET, 2) + Yaml.markerGroup("failover1", "app1");
    String after = before + "      - name: app2\n        type: exec\n        dependsOn: [app1]\n"
        + "        params:\n          start: \"touch @DIR@/app2-$ZONEHA_SERVER\"\n";
    try (TestCluster c = new TestCluster(SUBNET, before)) {
      c.startWithOwnConfig("node1", "node2");
      JsonObject s = c.await(2, Duration.ofSeconds(60), "failover1 online on node1", groupOnlineOn("failover1", "node1"));
      String oldFingerprint = s.getString("fingerprint");

      HttpResponse<String> r = c.post(2, "/api/v1/config/apply?base=" + oldFingerprint,
          after.replace("@DIR@", c.dir.toString()));
      assertEquals(200, r.statusCode(), r.body());
      String version = new JsonObject(r.body()).getString("version");

      for (int node = 1; node <= 2; node++) {
        c.await(node, Duration.ofSeconds(60), "node " + node + " runs " + version + " with app2 online",
            x -> version.equals(x.getString("fingerprint")) && groupOnlineOn("failover1", "node1").test(x)
                && x.getJsonArray("resources").stream().map(o -> (JsonObject) o)
                    .anyMatch(res -> "app2".equals(res.getString("name")) && "online".equals(res.getString("state"))));
      }
      assertTrue(Files.exists(c.dir.resolve("app2-node1")));
      for (String server : new String[] {"node1", "node2"}) {
        assertTrue(Files.readString(c.configOf(server)).contains("name: app2"), server + " has the new file");
        assertTrue(Files.exists(c.dir.resolve("cluster-" + server + ".yaml.previous")));
      }
    }
  }
}
