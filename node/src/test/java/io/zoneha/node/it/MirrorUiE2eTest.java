package io.zoneha.node.it;

import static io.zoneha.node.it.TestCluster.groupOnlineOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zoneha.web.ManagementAuth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * The web UI's Mirrors panel in Debian's chromium against two real node JVMs replicating a
 * file-backed md resource on loopback: web/e2e/mirror.test.mjs logs in as an operator, sees both
 * copies up to date, pauses (paused, link down), resumes (streaming again), verifies (in sync),
 * and checks that a viewer gets no buttons. Screenshots land in node/target/e2e-screenshots/.
 */
class MirrorUiE2eTest {
  private static final int SUBNET = 53;
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path E2E = Path.of("..", "web", "e2e").toAbsolutePath().normalize();
  private static final Duration START = Duration.ofSeconds(40);
  private static final long SCRIPT_MAX_SECONDS = 120;

  private static String yaml() {
    return Yaml.header("it-mirror-ui", SUBNET, 2) + users() + Yaml.mirrorGroup(SUBNET, "8M");
  }

  private static String users() {
    String op = ManagementAuth.PasswordHash.hash("op-pass-md", "salt-operator-2".getBytes(StandardCharsets.UTF_8), 20_000);
    String view = ManagementAuth.PasswordHash.hash("view-pass-md", "salt-viewer-02".getBytes(StandardCharsets.UTF_8), 20_000);
    return "management:\n  users:\n"
        + "    - {name: oper, role: operator, passwordHash: \"" + op + "\"}\n"
        + "    - {name: viewer, role: viewer, passwordHash: \"" + view + "\"}\n";
  }

  @Test
  void operatorPausesResumesAndVerifiesTheMirrorAndAViewerGetsNoButtons() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium at " + CHROMIUM);
    Assumptions.assumeTrue(Files.isDirectory(E2E.resolve("node_modules/playwright-core")), "needs `npm ci` in " + E2E);
    try (TestCluster c = new TestCluster(SUBNET, yaml())) {
      c.start("node1", "node2");
      c.await(1, START, "mirror1 online on node1 and both copies of data1 up to date",
          groupOnlineOn("mirror1", "node1").and(s -> upToDate(s, "node1") && upToDate(s, "node2")));
      List<String> out = runScript();
      assertTrue(out.contains("MIRROR E2E PASS"), String.join("\n", out) + "\n" + c.logs());
      assertTrue(Files.exists(screenshots().resolve("mirror-paused.png")));
      assertTrue(Files.exists(screenshots().resolve("mirror-verified.png")));
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

  private static Path screenshots() {
    return Path.of("target", "e2e-screenshots").toAbsolutePath();
  }

  /** Runs the script against node1's UI; returns its output lines. Killed after a while if it hangs. */
  private static List<String> runScript() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("node", "mirror.test.mjs").directory(E2E.toFile()).redirectErrorStream(true);
    pb.environment().put("ZONEHA_URL", "http://" + TestCluster.addr(SUBNET, 1) + ":29001");
    pb.environment().put("ZONEHA_OPERATOR", "oper:op-pass-md");
    pb.environment().put("ZONEHA_VIEWER", "viewer:view-pass-md");
    pb.environment().put("ZONEHA_MIRROR", "data1");
    pb.environment().put("ZONEHA_SCREENSHOTS", screenshots().toString());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      Assumptions.abort("needs node on PATH: " + e.getMessage());
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      p.getOutputStream().close();
      Thread watchdog = new Thread(() -> {
        try {
          if (!p.waitFor(SCRIPT_MAX_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
        }
      }, "mirror-e2e-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      String line;
      while ((line = r.readLine()) != null) {
        System.out.println("[mirror-e2e] " + line);
        lines.add(line);
      }
      assertEquals(0, p.waitFor(), "script exit code; output:\n" + String.join("\n", lines));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    return lines;
  }
}
