package io.zoneha.node.it;

import static io.zoneha.node.it.TestCluster.groupOnlineOn;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web UI in a real browser against two real node JVMs: web/e2e/ui.test.mjs drives Debian's
 * chromium through playwright-core; this test starts the cluster, runs the script and kills the
 * node the script names (it prints "KILL nodeX" and waits for "KILLED nodeX" on its stdin) and
 * starts it again on "START nodeX" (answering "STARTED nodeX"). The script ends by applying the
 * configuration it built in the wizard to both nodes.
 * Screenshots land in node/target/e2e-screenshots/.
 */
class WebUiE2eTest {
  private static final int SUBNET = 35;
  private static final Duration SCRIPT_MAX = Duration.ofMinutes(4);

  @Test
  void operatorSeesTheClusterLiveMovesAGroupWatchesAFailoverAndBuildsAConfig() throws Exception {
    BrowserScript.assumeBrowser();
    String yaml = Yaml.header("it-web", SUBNET, 2) + BrowserScript.users("op-pass-e2e", "view-pass-e2e")
        + Yaml.markerGroup("failover1", "app1");
    try (TestCluster c = new TestCluster(SUBNET, yaml)) {
      c.startWithOwnConfig("node1", "node2");
      c.await(1, Duration.ofSeconds(60), "failover1 online on node1", groupOnlineOn("failover1", "node1"));
      List<String> out = runScript(c);
      assertTrue(out.contains("E2E PASS"), String.join("\n", out) + "\n" + c.logs());
      assertTrue(Files.exists(BrowserScript.screenshots().resolve("03b-failover.png")));
      for (String server : new String[] {"node1", "node2"}) {
        assertTrue(Files.readString(c.configOf(server)).contains("name: exec1"), server + " runs the wizard's file");
      }
    }
  }

  /** Runs the script against node1's UI, serving its kill and start requests; returns its output lines. */
  private static List<String> runScript(TestCluster c) throws Exception {
    Map<String, String> env = Map.of("ZONEHA_INTERCONNECTS", TestCluster.addr(SUBNET, 1) + "," + TestCluster.addr(SUBNET, 2));
    return BrowserScript.run("ui.test.mjs", "http://" + TestCluster.addr(SUBNET, 1) + ":29001", "op-pass-e2e",
        "view-pass-e2e", env, SCRIPT_MAX, "e2e", (line, stdin) -> {
          if (line.startsWith("KILL ")) {
            String server = line.substring(5).trim();
            c.node(server).kill9();
            stdin.write("KILLED " + server + "\n");
            stdin.flush();
          } else if (line.startsWith("START ")) {
            String server = line.substring(6).trim();
            c.restart(server);
            stdin.write("STARTED " + server + "\n");
            stdin.flush();
          }
        });
  }
}
