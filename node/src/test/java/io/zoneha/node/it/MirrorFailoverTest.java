package io.zoneha.node.it;

import static io.zoneha.node.it.TestCluster.groupOnlineOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zoneha.node.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two node JVMs replicate a file-backed md resource (sync mode) and export it over NBD on the
 * active node's own address; qemu-io writes a pattern, the active node is SIGKILLed, and the
 * pattern is read back from the new primary. The mirror state is checked through the status
 * and the CLI before and after.
 */
class MirrorFailoverTest {
  private static final int SUBNET = 51;
  private static final Duration START = Duration.ofSeconds(40);
  private static final Duration FAILOVER = Duration.ofSeconds(20);

  private static String yaml() {
    return Yaml.header("it-mirror", SUBNET, 2) + Yaml.mirrorGroup(SUBNET, "16M");
  }

  @Test
  void aPatternWrittenOnThePrimarySurvivesSigkillAndIsReadFromTheNewPrimary() throws Exception {
    Assumptions.assumeTrue(onPath("qemu-io"), "qemu-io (Debian qemu-utils) is not installed");
    try (TestCluster c = new TestCluster(SUBNET, yaml())) {
      c.start("node1", "node2");
      // the group starts by itself: two blank copies pair without an initial copy, so the md
      // activation never meets a half-paired copy
      c.await(2, START, "mirror1 online on node1 and data1 streaming",
          groupOnlineOn("mirror1", "node1").and(mirror("node1", m -> "up-to-date".equals(m.getString("state"))
              && "primary".equals(m.getString("role")))));

      JsonObject before = cliMirrorStatus(c, 1);
      JsonObject primary = entry(before, "node1").orElseThrow();
      JsonObject secondary = entry(before, "node2").orElseThrow();
      assertEquals(List.of("primary", "up-to-date", "streaming", false),
          List.of(primary.getString("role"), primary.getString("diskState"), primary.getString("peerState"),
              primary.getBoolean("splitBrain")), before.encode());
      assertEquals(List.of("secondary", "up-to-date"), List.of(secondary.getString("role"),
          secondary.getString("diskState")), before.encode());

      String write = qemuIo(url(1), "write -P 0x5a 0 1M");
      assertTrue(write.contains("wrote 1048576/1048576 bytes"), write);

      c.node("node1").kill9();
      JsonObject after = c.await(2, FAILOVER, "mirror1 online on node2 with data1 primary there",
          groupOnlineOn("mirror1", "node2").and(mirror("node2", m -> "primary".equals(m.getString("role")))));
      JsonObject promoted = entry(after, "node2").orElseThrow();
      assertEquals(List.of("up-to-date", "disconnected", false), List.of(promoted.getString("diskState"),
          promoted.getString("peerState"), promoted.getBoolean("upToDate")), after.encode());
      assertEquals("unknown", entry(after, "node1").orElseThrow().getString("state"));

      String read = qemuIo(url(2), "read -P 0x5a 0 1M");
      assertTrue(read.contains("read 1048576/1048576 bytes") && !read.contains("verification failed"), read);
      String other = qemuIo(url(2), "read -P 0x00 1M 1M");
      assertFalse(other.contains("verification failed"), "the rest of the disk is still blank: " + other);
      String text = cli("status", "--node", "http://" + TestCluster.addr(SUBNET, 2) + ":29001", "--config",
          c.config.toString());
      assertTrue(text.contains("Mirrors:") && text.contains("data1"), text);
    }
  }

  private static String url(int node) {
    return "nbd://" + TestCluster.addr(SUBNET, node) + ":29011/data1";
  }

  private static Predicate<JsonObject> mirror(String server, Predicate<JsonObject> p) {
    return s -> entry(s, server).filter(p).isPresent();
  }

  private static Optional<JsonObject> entry(JsonObject status, String server) {
    JsonArray mirrors = status.getJsonArray("mirrors", new JsonArray());
    return mirrors.stream().map(o -> (JsonObject) o)
        .filter(m -> "data1".equals(m.getString("name")) && server.equals(m.getString("server"))).findFirst();
  }

  private static JsonObject cliMirrorStatus(TestCluster c, int node) {
    return new JsonObject(cli("mirror", "status", "--json", "--node", "http://" + TestCluster.addr(SUBNET, node)
        + ":29001", "--config", c.config.toString()));
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertEquals(0, code, String.join(" ", args) + ": " + err);
    return out.toString();
  }

  /** Runs qemu-io against an NBD URL; fails on a non-zero exit or after 20 s (the process is killed). */
  private static String qemuIo(String url, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("qemu-io", "-f", "raw", "-c", command, url).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        throw new AssertionError("qemu-io " + command + " on " + url + " did not finish in 20 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), "qemu-io " + command + " on " + url + ": " + out);
      return out;
    } finally {
      p.destroyForcibly();
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
