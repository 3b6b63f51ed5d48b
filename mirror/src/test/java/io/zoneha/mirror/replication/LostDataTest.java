package io.zoneha.mirror.replication;

import static io.zoneha.mirror.MirrorPair.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.mirror.MirrorDisk;
import io.zoneha.mirror.MirrorDiskConfig;
import io.zoneha.mirror.MirrorPair;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A data partition that went missing is never silently replaced by zeros: real files and sockets. */
@Timeout(60)
class LostDataTest {
  private static final long SIZE = 16L << 20;
  @TempDir Path dir;

  @Test
  void lostDataFileIsRecopiedInFullFromThePeer() throws Exception {
    try (MirrorPair p = new MirrorPair(dir, MirrorPair.settings(SIZE, MirrorMode.SYNC))) {
      p.awaitBoth(PeerState.STREAMING);
      p.a.becomePrimary(false).get(5, TimeUnit.SECONDS);
      write(p.a, 1 << 20, 65536, 7);
      long before = p.a.stats().resyncBytesSent();
      p.restartB(() -> {
        Files.delete(dir.resolve("b.data"));
        return null;
      });
      p.awaitBoth(PeerState.STREAMING);
      assertTrue(p.a.stats().fullSync(), "the copy without its data takes a full copy");
      assertEquals(SIZE, p.a.stats().resyncBytesSent() - before);
      p.a.flush().get(5, TimeUnit.SECONDS);
      p.assertFilesIdentical();
    }
  }

  @Test
  void aMissingDevicePathIsNeverCreated() {
    Path dev = Path.of("/dev/zoneha-test-missing-" + UUID.randomUUID());
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MirrorDisk.open(
          new MirrorDiskConfig("x", dev, dir.resolve("x.meta"), MirrorPair.settings(SIZE, MirrorMode.SYNC),
              new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 9), false)));
      assertTrue(e.getMessage().startsWith("dataPath: " + dev + " does not exist"), e.getMessage());
      assertFalse(Files.exists(dev), "nothing created under /dev");
      assertFalse(Files.exists(dir.resolve("x.meta")), "nor the cluster partition");
    } finally {
      try {
        Files.deleteIfExists(dev);
      } catch (java.io.IOException ignored) {
        // best effort: the assertion above already reports it
      }
    }
  }
}
