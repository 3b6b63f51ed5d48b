package io.zoneha.node.it;

import static io.zoneha.node.it.TestCluster.groupOnlineOn;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A witness JVM and two node JVMs, each node in its own network namespace. Only the interconnect
 * between the nodes is cut, both still reach the witness: the standby must not take the group
 * over. Then the active node is killed and the standby takes over because the witness stopped
 * hearing it. The killed node restarts behind the cut and starts nothing; after the heal one copy
 * of the group still runs.
 */
class WitnessTest {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration ACT = Duration.ofSeconds(20);
  private static final long TIMEOUT_MS = 1500;
  private static final long INTERVAL_MS = 200;

  @Test
  void aCutInterconnectMovesNothingAndACrashBehindItFailsOver() throws Exception {
    try (NetnsLab lab = new NetnsLab();
        Scratch scratch = new Scratch();
        NodeProcess witness = NodeProcess.startWitness(scratch.dir, lab.witnessAddress() + ":29020", scratch.secretFile());
        TestCluster c = new TestCluster(0, yaml(lab))) {
      c.netns("node1", lab.ns1).netns("node2", lab.ns2).managementHost(1, lab.uplink(1)).managementHost(2, lab.uplink(2));
      c.start("node1", "node2");
      c.await(2, START, "failover1 online on node1", groupOnlineOn("failover1", "node1"));
      for (int i = 1; i <= 2; i++) {
        c.await(i, ACT, "node" + i + " reaches the witness", WitnessTest::witnessReachable);
      }

      long cutAt = System.nanoTime();
      lab.cutInterconnect();
      c.await(2, ACT, "node2 sees node1 alive behind the cut", s -> "unreachable".equals(FailoverTest.serverState(s, "node1")));
      c.await(1, ACT, "node1 sees node2 alive behind the cut", s -> "unreachable".equals(FailoverTest.serverState(s, "node2")));
      // hold the cut well past the point where node2 would have taken over without a witness
      long holdUntil = cutAt + Duration.ofMillis(2 * TIMEOUT_MS + 10 * INTERVAL_MS).toNanos();
      int polls = 0;
      while (System.nanoTime() < holdUntil || polls < 10) {
        assertOneActive(c, witness);
        polls++;
      }
      JsonObject node2 = c.status(null, 2).orElseThrow();
      assertTrue(node2.getJsonArray("alerts").stream().map(o -> ((JsonObject) o).getString("message"))
          .anyMatch(m -> m.contains("interconnect to node1 is down but node1 is alive")), node2.encodePrettily());

      long killedAt = System.nanoTime();
      c.node("node1").kill9();
      c.await(2, ACT, "failover1 online on node2 after node1 died behind the cut", groupOnlineOn("failover1", "node2"));
      long failoverMs = (System.nanoTime() - killedAt) / 1_000_000;
      System.out.println("witness failover after SIGKILL behind a cut interconnect: " + failoverMs + " ms");
      assertTrue(failoverMs < 10_000, "failover took " + failoverMs + " ms");
      assertTrue(Files.exists(c.dir.resolve("active-node2")));

      // node1 comes back while the interconnect is still cut: it hears nobody, but the witness
      // hears node2, so it must not start failover1 alone when its startup wait is over
      // (the killed process could not run its stop script: its marker is a leftover)
      Files.delete(c.dir.resolve("active-node1"));
      c.restart("node1");
      c.awaitLog("node1", START, "not starting groups alone yet: the witness heard node2");
      c.await(1, ACT, "restarted node1 shows node2 alive per the witness",
          s -> "unreachable".equals(FailoverTest.serverState(s, "node2")));
      long startsBefore = Files.readAllLines(c.dir.resolve("starts-node1")).size();
      long holdUntilRestart = System.nanoTime() + Duration.ofMillis(2 * TIMEOUT_MS).toNanos();
      while (System.nanoTime() < holdUntilRestart) {
        assertFalse(Files.exists(c.dir.resolve("active-node1")), "restarted node1 started app1 again\n" + c.logs());
        assertTrue(Files.exists(c.dir.resolve("active-node2")), "node2 keeps app1");
        Thread.sleep(50); // the pace of polling
      }
      assertTrue(Files.readAllLines(c.dir.resolve("starts-node1")).size() == startsBefore, "node1 ran no start script");

      // the interconnect heals: node1 hears node2 and its claim, and one copy of the group runs, on
      // node2 (the status of the other node follows once the cluster manager has merged its halves)
      lab.healInterconnect();
      c.awaitLog("node1", ACT, "server node2 is up");
      long holdAfterHeal = System.nanoTime() + Duration.ofMillis(2 * TIMEOUT_MS).toNanos();
      while (System.nanoTime() < holdAfterHeal) {
        assertFalse(Files.exists(c.dir.resolve("active-node1")), "node1 started app1 after the heal\n" + c.logs());
        JsonObject s2 = c.status(null, 2).orElseThrow(() -> new AssertionError("node2 does not answer\n" + c.logs()));
        assertTrue(groupOnlineOn("failover1", "node2").test(s2), s2.encodePrettily());
        Thread.sleep(50); // the pace of polling
      }
      assertTrue(witness.alive(), "the witness ran through the whole test");
    }
  }

  /** During the cut: node1 runs the group, node2 never started it, both still answer. */
  private static void assertOneActive(TestCluster c, NodeProcess witness) throws InterruptedException {
    assertTrue(Files.exists(c.dir.resolve("active-node1")), "node1 keeps running app1\n" + c.logs());
    assertFalse(Files.exists(c.dir.resolve("starts-node2")), "node2 must not start app1 during the cut\n" + c.logs());
    JsonObject s1 = c.status(null, 1).orElseThrow(() -> new AssertionError("node1 does not answer\n" + c.logs()));
    assertTrue(groupOnlineOn("failover1", "node1").test(s1), s1.encodePrettily());
    assertTrue(witness.alive(), "witness died:\n" + witness.output());
    Thread.sleep(50); // the pace of polling, not a wait for something to happen
  }

  private static boolean witnessReachable(JsonObject s) {
    JsonObject w = s.getJsonObject("witness");
    return w != null && Boolean.TRUE.equals(w.getBoolean("reachable"));
  }

  private static String yaml(NetnsLab lab) {
    return "cluster:\n  name: it-witness\n  secret: " + TestCluster.SECRET + "\n"
        + "servers:\n"
        + "  - name: node1\n    interconnects: [" + lab.interconnect(1) + "]\n    managementHost: " + lab.uplink(1) + "\n"
        + "  - name: node2\n    interconnects: [" + lab.interconnect(2) + "]\n    managementHost: " + lab.uplink(2) + "\n"
        + "heartbeat:\n  interval: " + INTERVAL_MS + "ms\n  timeout: " + TIMEOUT_MS + "ms\n  startupWait: 4s\n"
        + "np:\n  - type: witness\n    target: " + lab.witnessAddress() + "\n    port: 29020\n    timeout: 1s\n"
        + Yaml.markerGroup("failover1", "app1");
  }

  /** A directory for the witness's secret file and output, removed at the end. */
  private static final class Scratch implements AutoCloseable {
    final Path dir;

    Scratch() throws java.io.IOException {
      dir = Files.createTempDirectory("zoneha-witness-");
    }

    Path secretFile() throws java.io.IOException {
      Path f = dir.resolve("secret");
      Files.writeString(f, TestCluster.SECRET + "\n");
      return f;
    }

    @Override
    public void close() throws java.io.IOException {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
