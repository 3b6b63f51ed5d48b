package io.zoneha.mirror.replication;

import static io.zoneha.mirror.MirrorPair.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.mirror.MirrorPair;
import io.zoneha.mirror.storage.Superblock;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The operator's pause is kept in the cluster partition: real files and sockets. */
@Timeout(60)
class PauseTest {
  private static final long SIZE = 16L << 20;
  private static final int CHUNK = 65536;
  @TempDir Path dir;

  @Test
  void pauseSurvivesARestartUntilResume() throws Exception {
    try (MirrorPair p = new MirrorPair(dir, MirrorPair.settings(SIZE, MirrorMode.SYNC))) {
      p.awaitBoth(PeerState.STREAMING);
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      p.a.pauseReplication().get(10, TimeUnit.SECONDS);
      // the session ends with the pause itself, not some time later
      assertEquals(PeerState.DISCONNECTED, p.a.stats().peerState());
      assertTrue(p.a.paused());
      write(p.a, 0, 4096, 1);

      p.restartA();
      assertTrue(p.a.paused(), "still paused after the restart");
      assertFalse(p.a.link().enabled(), "the link stays cut: no connection made or accepted");
      assertEquals(PeerState.DISCONNECTED, p.a.stats().peerState());
      assertEquals((long) CHUNK, p.a.stats().dirtyBytes(), "the write made while paused is still tracked");
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      write(p.a, 1L << 20, 4096, 2);

      long before = p.a.stats().resyncBytesSent();
      p.a.resumeReplication().get(10, TimeUnit.SECONDS);
      p.awaitBoth(PeerState.STREAMING);
      assertFalse(p.a.paused());
      assertEquals(2L * CHUNK, p.a.stats().resyncBytesSent() - before, "only the blocks written while paused");
      p.a.flush().get(5, TimeUnit.SECONDS);
      p.assertFilesIdentical();
    }
    assertFalse(NewPairTest.readSuperblock(dir.resolve("a.meta")).has(Superblock.FLAG_PAUSED), "resume is kept too");
  }
}
