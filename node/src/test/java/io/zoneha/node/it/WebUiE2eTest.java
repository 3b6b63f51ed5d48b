package io.zoneha.node.it;

import static io.zoneha.node.it.TestCluster.groupOnlineOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.web.ManagementAuth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path E2E = Path.of("..", "web", "e2e").toAbsolutePath().normalize();
  private static final Duration SCRIPT_MAX = Duration.ofMinutes(4);

  @Test
  void operatorSeesTheClusterLiveMovesAGroupWatchesAFailoverAndBuildsAConfig() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium at " + CHROMIUM);
    Assumptions.assumeTrue(Files.isDirectory(E2E.resolve("node_modules/playwright-core")),
        "needs `npm ci` in " + E2E);
    Assumptions.assumeTrue(onPath("node"), "needs node on PATH");
    String yaml = Yaml.header("it-web", SUBNET, 2) + users() + Yaml.markerGroup("failover1", "app1");
    try (TestCluster c = new TestCluster(SUBNET, yaml)) {
      c.startWithOwnConfig("node1", "node2");
      c.await(1, Duration.ofSeconds(60), "failover1 online on node1", groupOnlineOn("failover1", "node1"));
      List<String> out = runScript(c);
      assertTrue(out.contains("E2E PASS"), String.join("\n", out) + "\n" + c.logs());
      assertTrue(Files.exists(screenshots().resolve("03b-failover.png")));
      for (String server : new String[] {"node1", "node2"}) {
        assertTrue(Files.readString(c.configOf(server)).contains("name: exec1"), server + " runs the wizard's file");
      }
    }
  }

  private static String users() {
    String op = ManagementAuth.PasswordHash.hash("op-pass-e2e", "salt-operator-1".getBytes(StandardCharsets.UTF_8), 20_000);
    String view = ManagementAuth.PasswordHash.hash("view-pass-e2e", "salt-viewer-01".getBytes(StandardCharsets.UTF_8), 20_000);
    return "management:\n  users:\n"
        + "    - {name: oper, role: operator, passwordHash: \"" + op + "\"}\n"
        + "    - {name: viewer, role: viewer, passwordHash: \"" + view + "\"}\n";
  }

  private static Path screenshots() {
    return Path.of("target", "e2e-screenshots").toAbsolutePath();
  }

  /** Runs the script against node1's UI, serving its kill requests; returns its output lines. */
  private static List<String> runScript(TestCluster c) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("node", "ui.test.mjs").directory(E2E.toFile()).redirectErrorStream(true);
    pb.environment().put("ZONEHA_URL", "http://" + TestCluster.addr(SUBNET, 1) + ":29001");
    pb.environment().put("ZONEHA_OPERATOR", "oper:op-pass-e2e");
    pb.environment().put("ZONEHA_VIEWER", "viewer:view-pass-e2e");
    pb.environment().put("ZONEHA_SCREENSHOTS", screenshots().toString());
    pb.environment().put("ZONEHA_INTERCONNECTS", TestCluster.addr(SUBNET, 1) + "," + TestCluster.addr(SUBNET, 2));
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer w = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      Thread watchdog = new Thread(() -> {
        try {
          if (!p.waitFor(SCRIPT_MAX.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
        }
      }, "e2e-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      String line;
      while ((line = r.readLine()) != null) {
        System.out.println("[e2e] " + line);
        lines.add(line);
        if (line.startsWith("KILL ")) {
          String server = line.substring(5).trim();
          c.node(server).kill9();
          w.write("KILLED " + server + "\n");
          w.flush();
        } else if (line.startsWith("START ")) {
          String server = line.substring(6).trim();
          c.restart(server);
          w.write("STARTED " + server + "\n");
          w.flush();
        }
      }
      assertEquals(0, p.waitFor(), "script exit code; output:\n" + String.join("\n", lines));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    return lines;
  }

  private static boolean onPath(String program) {
    try {
      Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
