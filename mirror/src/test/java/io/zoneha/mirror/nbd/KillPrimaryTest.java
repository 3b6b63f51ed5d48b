package io.zoneha.mirror.nbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zoneha.mirror.Await;
import io.zoneha.mirror.MirrorDisk;
import io.zoneha.mirror.MirrorDiskConfig;
import io.zoneha.mirror.MirrorMain;
import io.zoneha.mirror.MirrorPair;
import io.zoneha.mirror.replication.MirrorMode;
import io.zoneha.mirror.replication.MirrorSettings;
import io.zoneha.mirror.replication.PeerState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The primary runs in its own JVM and is SIGKILLed in the middle of sync-mode writes over NBD.
 * Every write acknowledged with FUA, or acknowledged before an acknowledged FLUSH was sent, must
 * be on the secondary once it takes over.
 */
@Timeout(90)
class KillPrimaryTest {
  private static final long SIZE = 16L << 20;
  private static final int BLOCK = 4096;
  private static final int WRITES = 3000;
  @TempDir Path dir;

  private static byte[] pattern(int i) {
    byte[] b = new byte[BLOCK];
    java.util.Arrays.fill(b, (byte) (i % 251 + 1));
    b[0] = (byte) (i >> 8);
    b[1] = (byte) i;
    return b;
  }

  @Test
  void acknowledgedDurableWritesSurviveSigkillOfThePrimary() throws Exception {
    MirrorSettings s = MirrorSettings.defaults(SIZE, MirrorMode.SYNC);
    try (MirrorDisk b = MirrorDisk.open(new MirrorDiskConfig("b", dir.resolve("b.data"), dir.resolve("b.meta"), s,
        new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 9), false))) {
      Process a = startPrimary(b.mirrorAddress().getPort());
      try {
        int nbdPort = awaitReady(a);
        Map<Long, Long> ackedAt = new ConcurrentHashMap<>();
        Map<Long, Long> flushSentAt = new ConcurrentHashMap<>();
        runUntilKilled(a, nbdPort, ackedAt, flushSentAt);
        Await.until("b sees the primary gone", MirrorPair.WAIT,
            () -> b.stats().peerState() == PeerState.DISCONNECTED, b::stats);
        b.becomePrimary(false).get(10, TimeUnit.SECONDS);
        List<Integer> durable = durableWrites(ackedAt, flushSentAt);
        assertTrue(durable.size() > 50, "enough acknowledged durable writes before the kill: " + durable.size());
        for (int i : durable) {
          ByteBuf got = b.read((long) i * BLOCK, BLOCK).get(10, TimeUnit.SECONDS);
          byte[] g = new byte[BLOCK];
          got.readBytes(g);
          got.release();
          assertArrayEquals(pattern(i), g, "write " + i + " lost after failover");
        }
      } finally {
        a.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private Process startPrimary(int peerPort) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), MirrorMain.class.getName(),
        "name=a", "data=" + dir.resolve("a.data"), "meta=" + dir.resolve("a.meta"), "size=16M", "mode=sync",
        "peer=127.0.0.1:" + peerPort, "initiator=true", "primary=true", "nbd=127.0.0.1:0")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static int awaitReady(Process p) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      if (line.startsWith("READY ")) {
        String nbd = line.split(" ")[1];
        return Integer.parseInt(nbd.substring(nbd.lastIndexOf(':') + 1));
      }
    }
    throw new AssertionError("primary process exited before it was ready: " + p.waitFor());
  }

  /** Writes at queue depth 32 (odd: FUA, even: plain, every 16th request a FLUSH); kills A midway. */
  private static void runUntilKilled(Process a, int port, Map<Long, Long> ackedAt, Map<Long, Long> flushSentAt)
      throws Exception {
    Semaphore depth = new Semaphore(32);
    try (RawNbdClient c = new RawNbdClient(new InetSocketAddress("127.0.0.1", port))) {
      c.greet();
      assertEquals(SIZE, c.go());
      Thread reader = new Thread(() -> {
        try {
          while (true) {
            RawNbdClient.Reply r = c.reply();
            if (r.error() == 0) {
              ackedAt.put(r.handle(), System.nanoTime());
            }
            depth.release();
            if (ackedAt.size() >= WRITES / 3 && a.isAlive()) {
              a.destroyForcibly(); // SIGKILL
            }
          }
        } catch (Exception closed) {
          depth.release(1000);
        }
      });
      reader.start();
      try {
        for (int i = 0; i < WRITES && a.isAlive(); i++) {
          depth.acquire();
          if (i % 16 == 15) {
            flushSentAt.put((long) i, System.nanoTime());
            c.request(0, NbdProtocol.CMD_FLUSH, i, 0, 0, null);
          } else {
            c.request(i % 2 == 1 ? NbdProtocol.CMD_FLAG_FUA : 0, NbdProtocol.CMD_WRITE, i, (long) i * BLOCK, BLOCK,
                pattern(i));
          }
          c.out.flush();
        }
      } catch (java.io.IOException killed) {
        // the primary died under us, as intended
      }
      a.waitFor(20, TimeUnit.SECONDS);
      reader.join(20_000);
    }
  }

  private static List<Integer> durableWrites(Map<Long, Long> ackedAt, Map<Long, Long> flushSentAt) {
    long lastAckedFlushSent = flushSentAt.entrySet().stream()
        .filter(e -> ackedAt.containsKey(e.getKey())).mapToLong(Map.Entry::getValue).max().orElse(Long.MIN_VALUE);
    List<Integer> out = new ArrayList<>();
    for (Map.Entry<Long, Long> e : ackedAt.entrySet()) {
      int i = e.getKey().intValue();
      if (flushSentAt.containsKey(e.getKey())) {
        continue;
      }
      if (i % 2 == 1 || e.getValue() < lastAckedFlushSent) {
        out.add(i);
      }
    }
    return out;
  }
}
