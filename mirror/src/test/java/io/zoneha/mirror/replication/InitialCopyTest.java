package io.zoneha.mirror.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.mirror.MirrorPair;
import io.zoneha.mirror.protocol.InitialCopy;
import io.zoneha.mirror.storage.DiskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new mirror over data partitions that existed before it (not known blank): real files and
 * sockets. The pair never guesses which side to keep.
 */
@Timeout(60)
class InitialCopyTest {
  private static final int SIZE = 16 << 20;
  @TempDir Path dir;

  /** Existing data on both sides and no choice: refused, and neither copy may serve. */
  @Test
  void unknownDataOnBothSidesIsRefusedUntilTheAdminChooses() throws Exception {
    byte[] dataA = existingData(dir.resolve("a.data"), 1);
    existingData(dir.resolve("b.data"), 2);
    MirrorSettings s = MirrorPair.settings(SIZE, MirrorMode.SYNC);
    try (MirrorPair p = new MirrorPair(dir, s)) {
      p.awaitBoth(PeerState.REFUSED);
      assertTrue(p.a.stats().lastProblem().contains("initialCopy"), p.a.stats().lastProblem());
      ExecutionException e = assertThrows(ExecutionException.class, () -> p.a.becomePrimary(false).get(10, TimeUnit.SECONDS));
      assertEquals(MirrorIoException.Kind.NO_INITIAL_COPY, assertInstanceOf(MirrorIoException.class, e.getCause()).kind());
      assertTrue(e.getCause().getMessage().contains("initialCopy"), e.getCause().getMessage());

      // the CLI's recover --source a: b discards its copy, a keeps its own and resumes
      p.b.discardLocalData().get(10, TimeUnit.SECONDS);
      p.a.resume().get(10, TimeUnit.SECONDS);
      p.awaitBoth(PeerState.STREAMING);
      assertTrue(p.a.stats().fullSync(), "recovery of a new pair is a full copy");
      assertEquals(SIZE, p.a.stats().syncTotalBytes());
      p.a.becomePrimary(false).get(10, TimeUnit.SECONDS);
    }
    assertArrayEquals(dataA, Files.readAllBytes(dir.resolve("b.data")), "b holds a's data");
  }

  /** initialCopy names a: its data is copied to b in full, progress in the stats; b may not serve first. */
  @Test
  void theChosenSourceCopiesItsDataToTheOther() throws Exception {
    byte[] dataA = existingData(dir.resolve("a.data"), 3);
    existingData(dir.resolve("b.data"), 4);
    MirrorSettings base = MirrorPair.settings(SIZE, MirrorMode.SYNC).withResyncRate(32L << 20);
    try (MirrorPair p = new MirrorPair(dir, base.withInitialCopy(InitialCopy.LOCAL),
        base.withInitialCopy(InitialCopy.PEER))) {
      p.await("a sends the initial copy", () -> p.a.stats().peerState() == PeerState.SYNC_SOURCE
          || p.a.stats().peerState() == PeerState.STREAMING);
      assertTrue(p.a.stats().fullSync(), "status shows a full sync, not a resync");
      p.awaitBoth(PeerState.STREAMING);
      assertEquals(SIZE, p.a.stats().syncTotalBytes());
      assertEquals(100.0, p.a.stats().syncPercent());
      assertEquals(DiskState.UP_TO_DATE, p.b.stats().diskState());
    }
    assertArrayEquals(dataA, Files.readAllBytes(dir.resolve("b.data")));
  }

  /** The copy the admin did not choose refuses to serve before the initial copy reached it. */
  @Test
  void theTargetRefusesToServeBeforeTheInitialCopy() throws Exception {
    existingData(dir.resolve("b.data"), 5);
    MirrorSettings s = MirrorPair.settings(SIZE, MirrorMode.SYNC).withInitialCopy(InitialCopy.PEER);
    try (var b = io.zoneha.mirror.MirrorDisk.open(new io.zoneha.mirror.MirrorDiskConfig("b", dir.resolve("b.data"),
        dir.resolve("b.meta"), s, new java.net.InetSocketAddress("127.0.0.1", 0),
        new java.net.InetSocketAddress("127.0.0.1", 9), false))) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> b.becomePrimary(false).get(10, TimeUnit.SECONDS));
      assertEquals(MirrorIoException.Kind.NO_INITIAL_COPY, assertInstanceOf(MirrorIoException.class, e.getCause()).kind());
      b.becomePrimary(true).get(10, TimeUnit.SECONDS);
    }
  }

  private static byte[] existingData(Path file, int seed) throws Exception {
    byte[] d = new byte[SIZE];
    for (int i = 0; i < d.length; i += 4096) {
      d[i] = (byte) (seed + i / 4096);
    }
    Files.write(file, d);
    return d;
  }
}
