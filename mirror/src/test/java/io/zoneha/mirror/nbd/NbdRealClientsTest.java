package io.zoneha.mirror.nbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zoneha.mirror.MirrorPair;
import io.zoneha.mirror.Tools;
import io.zoneha.mirror.replication.MirrorMode;
import io.zoneha.mirror.replication.PeerState;
import io.zoneha.mirror.storage.DiskRole;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real Debian NBD clients against the export of a replicated pair, including a failover. */
@Timeout(120)
class NbdRealClientsTest {
  private static final long SIZE = 64L << 20;
  @TempDir Path dir;

  private static String url(NbdServer s) {
    return "nbd://127.0.0.1:" + s.address().getPort() + "/md0";
  }

  private static void ok(Tools.Result r, String what) {
    assertEquals(0, r.exit(), what + ": " + r.output());
    assertFalse(r.output().contains("verification failed"), what + ": " + r.output());
  }

  private static NbdServer export(io.zoneha.mirror.MirrorDisk d) throws Exception {
    return NbdServer.start(d, new InetSocketAddress("127.0.0.1", 0), "md0");
  }

  @Test
  void qemuIoNbdinfoNbdcopyThenFailover() throws Exception {
    assumeTrue(Tools.available("qemu-io") && Tools.available("nbdinfo") && Tools.available("nbdcopy"),
        "qemu-utils / libnbd-bin not installed");
    try (MirrorPair p = new MirrorPair(dir, MirrorPair.settings(SIZE, MirrorMode.SYNC))) {
      p.awaitBoth(PeerState.STREAMING);
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      Path copyA = dir.resolve("copy-a.img");
      try (NbdServer s = export(p.a)) {
        ok(Tools.run(60, "qemu-io", "-f", "raw", "-c", "write -P 0xab 0 1M", url(s)), "qemu-io write");
        ok(Tools.run(60, "qemu-io", "-f", "raw", "-c", "write -f -P 0xcd 8M 256k", url(s)), "write FUA");
        ok(Tools.run(60, "qemu-io", "-f", "raw", "-c", "write -z 8M 64k", url(s)), "write zeroes");
        ok(Tools.run(60, "qemu-io", "-f", "raw", "-c", "discard 16M 64k", url(s)), "trim");
        ok(Tools.run(60, "qemu-io", "-f", "raw", "-c", "flush", url(s)), "flush");
        ok(Tools.run(60, "qemu-io", "-f", "raw", "-r", "-c", "read -P 0xab 0 1M", url(s)), "read back");
        ok(Tools.run(60, "qemu-io", "-f", "raw", "-r", "-c", "read -P 0xcd 8454144 192k", url(s)), "read FUA part");
        ok(Tools.run(60, "qemu-io", "-f", "raw", "-r", "-c", "read -P 0 8M 64k", url(s)), "read zeroes");

        Tools.Result info = Tools.run(30, "nbdinfo", url(s));
        ok(info, "nbdinfo");
        assertTrue(info.output().contains(String.valueOf(SIZE)), info.output());
        Tools.Result list = Tools.run(30, "nbdinfo", "--list", "nbd://127.0.0.1:" + s.address().getPort());
        ok(list, "nbdinfo --list");
        assertTrue(list.output().contains("md0"), list.output());

        ok(Tools.run(60, "nbdcopy", url(s), copyA.toString()), "nbdcopy");
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.data")), Files.readAllBytes(copyA), "nbdcopy = disk");
        assertTrue(s.counters().writes.get() >= 2, "writes counted: " + s.counters().writes.get());
      }
      // fail over: A stops serving and steps down, B takes over and serves the same bytes
      p.a.demote().get(10, TimeUnit.SECONDS);
      // B may take over once it sees A as secondary. In a steady session the demotion's barrier
      // already guarantees that; if the session restarted under load, B may briefly hold A's role
      // from a HELLO sent before the demotion, so wait for B's view instead of racing it
      p.await("b streaming and sees a as secondary", () -> p.b.stats().peerState() == PeerState.STREAMING
          && p.b.stats().peerRole() == DiskRole.SECONDARY);
      p.b.becomePrimary(false).get(10, TimeUnit.SECONDS);
      try (NbdServer s = export(p.b)) {
        ok(Tools.run(60, "qemu-io", "-f", "raw", "-r", "-c", "read -P 0xab 0 1M", url(s)), "read on new primary");
        Path copyB = dir.resolve("copy-b.img");
        ok(Tools.run(60, "nbdcopy", url(s), copyB.toString()), "nbdcopy from B");
        assertArrayEquals(Files.readAllBytes(copyA), Files.readAllBytes(copyB), "same bytes after failover");
      }
    }
  }

  @Test
  void fioVerifiesThroughTheNbdEngine() throws Exception {
    assumeTrue(Tools.available("fio"), "fio not installed");
    try (MirrorPair p = new MirrorPair(dir, MirrorPair.settings(SIZE, MirrorMode.SYNC))) {
      p.awaitBoth(PeerState.STREAMING);
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      try (NbdServer s = export(p.a)) {
        Tools.Result r = Tools.run(90, "fio", "--name=verify", "--ioengine=nbd",
            "--uri=" + url(s), "--rw=randwrite", "--bs=4k", "--iodepth=16", "--size=8M",
            "--verify=crc32c", "--do_verify=1", "--verify_fatal=1");
        assertEquals(0, r.exit(), r.output());
        assertFalse(r.output().contains("verify: bad"), r.output());
      }
      p.a.flush().get(5, TimeUnit.SECONDS);
      p.assertFilesIdentical();
    }
  }
}
