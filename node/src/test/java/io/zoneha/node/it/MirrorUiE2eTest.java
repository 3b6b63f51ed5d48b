package io.zoneha.node.it;

import static io.zoneha.node.it.TestCluster.groupOnlineOn;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web UI's Mirrors panel in Debian's chromium against two real node JVMs replicating a
 * file-backed md resource on loopback: web/e2e/mirror.test.mjs logs in as an operator, sees both
 * copies up to date, pauses (paused, link down), resumes (streaming again), verifies (in sync),
 * and checks that a viewer gets no buttons. Screenshots land in node/target/e2e-screenshots/.
 */
class MirrorUiE2eTest {
  private static final int SUBNET = 53;
  private static final Duration START = Duration.ofSeconds(40);
  private static final Duration SCRIPT_MAX = Duration.ofSeconds(120);

  private static String yaml() {
    return Yaml.header("it-mirror-ui", SUBNET, 2) + BrowserScript.users("op-pass-md", "view-pass-md")
        + Yaml.mirrorGroup(SUBNET, "8M");
  }

  @Test
  void operatorPausesResumesAndVerifiesTheMirrorAndAViewerGetsNoButtons() throws Exception {
    BrowserScript.assumeBrowser();
    try (TestCluster c = new TestCluster(SUBNET, yaml())) {
      c.start("node1", "node2");
      c.await(1, START, "mirror1 online on node1 and both copies of data1 up to date",
          groupOnlineOn("mirror1", "node1").and(s -> upToDate(s, "node1") && upToDate(s, "node2")));
      List<String> out = runScript();
      assertTrue(out.contains("MIRROR E2E PASS"), String.join("\n", out) + "\n" + c.logs());
      assertTrue(Files.exists(BrowserScript.screenshots().resolve("mirror-paused.png")));
      assertTrue(Files.exists(BrowserScript.screenshots().resolve("mirror-verified.png")));
      // what the browser saw is what the cluster says: resumed and streaming
      c.await(1, Duration.ofSeconds(5), "data1 still up to date after the script",
          s -> upToDate(s, "node1") && upToDate(s, "node2"));
    }
  }

  private static boolean upToDate(JsonObject status, String server) {
    return status.getJsonArray("mirrors", new JsonArray()).stream().map(o -> (JsonObject) o)
        .anyMatch(m -> "data1".equals(m.getString("name")) && server.equals(m.getString("server"))
            && m.getBoolean("upToDate", false) && !m.getBoolean("paused", true));
  }

  /** Runs the script against node1's UI; returns its output lines. */
  private static List<String> runScript() throws Exception {
    return BrowserScript.run("mirror.test.mjs", "http://" + TestCluster.addr(SUBNET, 1) + ":29001", "op-pass-md",
        "view-pass-md", Map.of("ZONEHA_MIRROR", "data1"), SCRIPT_MAX, "mirror-e2e", (line, stdin) -> { });
  }
}
