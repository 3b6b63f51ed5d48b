package io.zoneha.mirror.replication;

import static io.zoneha.mirror.MirrorPair.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.mirror.MirrorPair;
import io.zoneha.mirror.storage.DiskState;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas over real sockets on 127.0.0.1 with real files. */
@Timeout(60)
class ReplicaPairTest {
  private static final long SIZE = 64L << 20;
  private static final int CHUNK = 65536;
  @TempDir Path dir;

  @Test
  void reconnectResendsOnlyDirtyChunks() throws Exception {
    try (MirrorPair p = new MirrorPair(dir, MirrorPair.settings(SIZE, MirrorMode.SYNC))) {
      p.awaitBoth(PeerState.STREAMING);
      assertEquals(0, p.a.stats().resyncBytesSent() + p.b.stats().resyncBytesSent(), "blank pair: no initial copy");
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      write(p.a, 0, 1 << 20, 1);
      p.await("bitmap cleaned after the writes", () -> p.a.stats().dirtyBytes() == 0);

      p.b.link().disconnect();
      p.awaitBoth(PeerState.DISCONNECTED);
      write(p.a, 10L << 20, 4096, 2);
      write(p.a, (20L << 20) + 100, 4096, 3); // one chunk
      write(p.a, (30L << 20) - 4096, 8192, 4); // straddles two chunks
      assertEquals(4L * CHUNK, p.a.stats().dirtyBytes());
      long before = p.a.stats().resyncBytesSent();

      p.b.link().reconnect();
      p.awaitBoth(PeerState.STREAMING);
      assertEquals(4L * CHUNK, p.a.stats().resyncBytesSent() - before, "only the dirty chunks go over the wire");
      assertFalse(p.a.stats().fullSync());
      p.a.flush().get(5, TimeUnit.SECONDS);
      p.assertFilesIdentical();
    }
  }

  @Test
  void syncWriteIsOnTheSecondaryWhenAcknowledged() throws Exception {
    try (MirrorPair p = new MirrorPair(dir, MirrorPair.settings(SIZE, MirrorMode.SYNC))) {
      p.awaitBoth(PeerState.STREAMING);
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      write(p.a, 4096 * 7, 65536, 9);
      byte[] expect = new byte[65536];
      MirrorPair.pattern(65536, 9).readBytes(expect);
      byte[] got = new byte[65536];
      try (RandomAccessFile f = new RandomAccessFile(dir.resolve("b.data").toFile(), "r")) {
        f.seek(4096 * 7);
        f.readFully(got);
      }
      assertTrue(java.util.Arrays.equals(expect, got), "secondary holds the acknowledged write");
      p.a.writeZeroes(4096 * 7, 4096, true).get(5, TimeUnit.SECONDS);
      p.a.flush().get(5, TimeUnit.SECONDS);
      p.assertFilesIdentical();
    }
  }

  @Test
  void secondaryRefusesForegroundWrites() throws Exception {
    try (MirrorPair p = new MirrorPair(dir, MirrorPair.settings(SIZE, MirrorMode.SYNC))) {
      p.awaitBoth(PeerState.STREAMING);
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      ExecutionException e = assertThrows(ExecutionException.class, () -> write(p.b, 0, 4096, 1));
      MirrorIoException m = assertInstanceOf(MirrorIoException.class, e.getCause());
      assertEquals(MirrorIoException.Kind.NOT_PRIMARY, m.kind());
      // B has applied this write, so it has also seen the ROLE frame A sent before it
      write(p.a, 0, 4096, 1);
      ExecutionException dual = assertThrows(ExecutionException.class,
          () -> p.b.becomePrimary(false).get(5, TimeUnit.SECONDS));
      assertTrue(dual.getCause().getMessage().contains("peer is primary"), dual.getCause().getMessage());
    }
  }

  @Test
  void splitBrainIsDetectedRefusedAndRecoveredByTheOperator() throws Exception {
    try (MirrorPair p = new MirrorPair(dir, MirrorPair.settings(SIZE, MirrorMode.SYNC))) {
      p.awaitBoth(PeerState.STREAMING);
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      write(p.a, 0, 4096, 1);
      p.b.link().disconnect();
      p.awaitBoth(PeerState.DISCONNECTED);
      write(p.a, 0, 4096, 2); // A goes on alone
      p.a.demote().get(5, TimeUnit.SECONDS);
      p.b.becomePrimary(false).get(5, TimeUnit.SECONDS); // B was taken over without A
      write(p.b, 1 << 20, 4096, 3);

      p.b.link().reconnect();
      p.awaitBoth(PeerState.SPLIT_BRAIN);
      assertTrue(p.a.stats().lastProblem().contains("SPLIT_BRAIN"), p.a.stats().lastProblem());
      assertEquals(0, p.a.stats().resyncBytesSent() + p.b.stats().resyncBytesSent(), "nothing was copied");

      // the operator keeps B: A drops its changes and takes a full copy
      p.a.discardLocalData().get(5, TimeUnit.SECONDS);
      assertEquals(DiskState.INCONSISTENT, p.a.stats().diskState());
      assertThrows(ExecutionException.class, () -> p.a.becomePrimary(false).get(5, TimeUnit.SECONDS));
      p.b.resume().get(5, TimeUnit.SECONDS);
      p.awaitBoth(PeerState.STREAMING);
      assertEquals(SIZE, p.b.stats().resyncBytesSent(), "full copy after discarding");
      assertTrue(p.b.stats().fullSync() && p.a.stats().fullSync(), "both sides report a full sync");
      assertEquals(DiskState.UP_TO_DATE, p.a.stats().diskState());
      p.b.flush().get(5, TimeUnit.SECONDS);
      p.assertFilesIdentical();
    }
  }

  @Test
  void restartedCopyCatchesUpFromTheBitmap() throws Exception {
    try (MirrorPair p = new MirrorPair(dir, MirrorPair.settings(SIZE, MirrorMode.SYNC))) {
      p.awaitBoth(PeerState.STREAMING);
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      write(p.a, 0, 65536, 1);
      p.restartB(); // B goes away; A goes on alone, then B comes back
      write(p.a, 5L << 20, 4096, 7);
      p.awaitBoth(PeerState.STREAMING);
      p.await("resync done", () -> p.a.stats().dirtyBytes() == 0);
      p.a.flush().get(5, TimeUnit.SECONDS);
      p.assertFilesIdentical();
    }
  }

  @Test
  void onlineVerifyReportsExactlyTheCorruptedRange() throws Exception {
    try (MirrorPair p = new MirrorPair(dir, MirrorPair.settings(SIZE, MirrorMode.SYNC))) {
      p.awaitBoth(PeerState.STREAMING);
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      write(p.a, 0, 1 << 20, 3);
      assertEquals(java.util.List.of(), p.a.verify().get(20, TimeUnit.SECONDS), "identical copies");
      // damage two adjacent chunks of B's file behind the mirror's back
      try (RandomAccessFile f = new RandomAccessFile(dir.resolve("b.data").toFile(), "rw")) {
        f.seek(5L * CHUNK + 100);
        f.write(new byte[] {1, 2, 3});
        f.seek(6L * CHUNK + 7);
        f.write(9);
      }
      var diff = p.a.verify().get(20, TimeUnit.SECONDS);
      assertEquals(java.util.List.of(new OnlineVerify.Range(5L * CHUNK, 2L * CHUNK)), diff);
      ExecutionException e = assertThrows(ExecutionException.class, () -> p.b.verify().get(5, TimeUnit.SECONDS));
      assertInstanceOf(MirrorIoException.class, e.getCause());
    }
  }

  @Test
  void throttledResyncKeepsItsRate() throws Exception {
    MirrorSettings s = MirrorPair.settings(SIZE, MirrorMode.SYNC).withResyncRate(4L << 20);
    try (MirrorPair p = new MirrorPair(dir, s)) {
      p.awaitBoth(PeerState.STREAMING);
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      p.b.link().disconnect();
      p.awaitBoth(PeerState.DISCONNECTED);
      write(p.a, 0, 2 << 20, 8); // 2 MiB dirty: at 4 MiB/s the resync needs about half a second
      long start = System.nanoTime();
      p.b.link().reconnect();
      p.awaitBoth(PeerState.STREAMING);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis >= 400, "resync took " + millis + " ms, faster than its rate allows");
      assertEquals(2L << 20, p.a.stats().resyncBytesSent());
      p.a.flush().get(5, TimeUnit.SECONDS);
      p.assertFilesIdentical();
    }
  }

  @Test
  void asyncOverflowFallsBackToBitmapAndCatchesUp() throws Exception {
    MirrorSettings s = MirrorPair.settings(SIZE, MirrorMode.ASYNC).withAsyncQueueBytes(256 << 10);
    try (MirrorPair p = new MirrorPair(dir, s)) {
      p.awaitBoth(PeerState.STREAMING);
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      var writes = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Void>>();
      for (int i = 0; i < 64; i++) {
        writes.add(p.a.write((long) i << 20, MirrorPair.pattern(1 << 20, i), false));
      }
      for (var w : writes) {
        w.get(10, TimeUnit.SECONDS);
      }
      p.await("overflow reported", () -> p.a.stats().lastProblem().contains("overflow"));
      p.awaitBoth(PeerState.STREAMING);
      p.await("caught up", () -> p.a.stats().dirtyBytes() == 0 && p.a.stats().lagBytes() == 0);
      p.assertFilesIdentical();
    }
  }
}
