package io.zoneha.mirror.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.zoneha.mirror.Await;
import io.zoneha.mirror.MirrorDisk;
import io.zoneha.mirror.MirrorDiskConfig;
import io.zoneha.mirror.MirrorPair;
import io.zoneha.mirror.protocol.Frame;
import io.zoneha.mirror.protocol.FrameEncoder;
import io.zoneha.mirror.protocol.FrameType;
import io.zoneha.mirror.protocol.Hello;
import io.zoneha.mirror.storage.ClusterPartition;
import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.DiskState;
import io.zoneha.mirror.storage.Generations;
import io.zoneha.mirror.storage.Superblock;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How a brand-new pair meets: real files, real sockets on 127.0.0.1. */
@Timeout(60)
class NewPairTest {
  private static final long SIZE = 16L << 20;
  @TempDir Path dir;

  /**
   * Two blank copies agree on one first generation without a resync phase: each superblock was
   * written exactly once after creation (the shared generation), never as INCONSISTENT.
   */
  @Test
  void blankCopiesPairWithoutAnInconsistentPhase() throws Exception {
    try (MirrorPair p = new MirrorPair(dir, MirrorPair.settings(SIZE, MirrorMode.SYNC))) {
      p.awaitBoth(PeerState.STREAMING);
      assertEquals(0, p.a.stats().resyncBytesSent() + p.b.stats().resyncBytesSent());
      assertFalse(p.a.stats().fullSync() || p.b.stats().fullSync());
    }
    Superblock a = readSuperblock(dir.resolve("a.meta"));
    Superblock b = readSuperblock(dir.resolve("b.meta"));
    assertNotEquals(Generations.NONE, a.generations().current());
    assertEquals(a.generations(), b.generations(), "both sides adopted the same first generation");
    assertEquals(1, a.sequence(), "a: one superblock update (the first generation), no resync states");
    assertEquals(1, b.sequence(), "b: one superblock update (the first generation), no resync states");
    assertEquals(DiskState.UP_TO_DATE, b.state());
  }

  /** Promotion right after both copies open (racing the pairing) never finds a half-paired copy. */
  @Test
  void promotionRacingThePairingSucceeds() throws Exception {
    for (int round = 0; round < 5; round++) {
      Path d = Files.createDirectory(dir.resolve("r" + round));
      try (MirrorPair p = new MirrorPair(d, MirrorPair.settings(SIZE, MirrorMode.SYNC))) {
        MirrorDisk target = round % 2 == 0 ? p.a : p.b;
        target.becomePrimary(false).get(10, TimeUnit.SECONDS);
        p.awaitBoth(PeerState.STREAMING);
        assertEquals(DiskRole.PRIMARY, target.stats().role());
        MirrorDisk other = target == p.a ? p.b : p.a;
        p.await("the peer learns the new role", () -> other.stats().peerRole() == DiskRole.PRIMARY);
        MirrorPair.write(target, 0, 65536, round);
      }
    }
  }

  /**
   * A promotion that arrives while the handshake runs waits for its outcome: here the peer's
   * HELLO (sent late, by a scripted peer) shows a newer copy, so this copy becomes a resync target
   * and the promotion is refused instead of racing the handshake.
   */
  @Test
  void promotionWaitsForAHandshakeInProgress() throws Exception {
    try (ServerSocket fakePeer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        MirrorDisk copy = MirrorDisk.open(new MirrorDiskConfig("x", dir.resolve("x.data"), dir.resolve("x.meta"),
            MirrorPair.settings(SIZE, MirrorMode.SYNC), new InetSocketAddress("127.0.0.1", 0),
            new InetSocketAddress("127.0.0.1", fakePeer.getLocalPort()), true))) {
      fakePeer.setSoTimeout(10_000);
      try (Socket s = fakePeer.accept()) {
        Await.until("x in handshake", Duration.ofSeconds(10), () -> copy.stats().peerState() == PeerState.HANDSHAKE,
            copy::stats);
        CompletableFuture<Void> promotion = copy.becomePrimary(false);
        // the promotion waits for the handshake instead of deciding on stale facts
        assertThrows(java.util.concurrent.TimeoutException.class, () -> promotion.get(300, TimeUnit.MILLISECONDS));
        Hello newer = new Hello(42, SIZE, 4096, 65536, Generations.of(7, 0, 0, 0), DiskRole.SECONDARY,
            DiskState.UP_TO_DATE, 0);
        OutputStream out = s.getOutputStream();
        out.write(encode(new Frame(FrameType.HELLO, 0, 0, 0, newer.encode())));
        int bitmapBytes = (int) ((SIZE / 65536 + 7) / 8);
        out.write(encode(new Frame(FrameType.BITMAP, Frame.FLAG_LAST, 0, 0, Unpooled.buffer().writeZero(bitmapBytes))));
        out.flush();
        ExecutionException e = assertThrows(ExecutionException.class, () -> promotion.get(10, TimeUnit.SECONDS));
        MirrorIoException m = assertInstanceOf(MirrorIoException.class, e.getCause());
        assertEquals(MirrorIoException.Kind.NOT_UP_TO_DATE, m.kind(), m.getMessage());
        assertEquals(PeerState.SYNC_TARGET, copy.stats().peerState());
      }
    }
  }

  private static byte[] encode(Frame f) {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder());
    ch.writeOutbound(f);
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
      all.writeBytes(b);
      b.release();
    }
    ch.finishAndReleaseAll();
    byte[] bytes = new byte[all.readableBytes()];
    all.readBytes(bytes);
    return bytes;
  }

  static Superblock readSuperblock(Path meta) {
    try (ClusterPartition cp = ClusterPartition.open(meta, SIZE, 4096, 65536)) {
      return cp.superblock();
    }
  }
}
