package io.zoneha.mirror.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zoneha.mirror.replication.MirrorMode;
import io.zoneha.mirror.replication.MirrorStats;
import io.zoneha.mirror.replication.PeerState;
import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.DiskState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MirrorDetailsTest {
  private static MirrorStats stats(DiskRole role, DiskState disk, PeerState peer, boolean full, long total, long done) {
    return new MirrorStats(role, disk, peer, full, MirrorMode.ASYNC, 8192, total, done, 4096, 0, 0,
        peer == PeerState.SPLIT_BRAIN ? "both copies wrote" : "");
  }

  private static List<Object> summary(Map<String, Object> m) {
    return List.of(m.get("state"), m.get("upToDate"), m.get("peerState"), m.get("splitBrain"));
  }

  @Test
  void streamingAndUpToDateIsTheOnlyFineState() {
    Map<String, Object> m = MirrorDetails.of(stats(DiskRole.PRIMARY, DiskState.UP_TO_DATE, PeerState.STREAMING,
        false, 0, 0), false);
    assertEquals(List.of("up-to-date", true, "streaming", false), summary(m));
    assertEquals(List.of("primary", "up-to-date", "async", 100.0, 8192L, 4096L),
        List.of(m.get("role"), m.get("diskState"), m.get("mode"), m.get("syncPercent"), m.get("dirtyBytes"),
            m.get("lagBytes")));
  }

  @Test
  void peerStatesAreNamedForOperators() {
    assertEquals(List.of("full-sync", false, "full-sync", false), summary(MirrorDetails.of(
        stats(DiskRole.SECONDARY, DiskState.INCONSISTENT, PeerState.SYNC_TARGET, true, 1000, 333), false)));
    Map<String, Object> resync = MirrorDetails.of(
        stats(DiskRole.PRIMARY, DiskState.UP_TO_DATE, PeerState.SYNC_SOURCE, false, 1000, 333), false);
    assertEquals(List.of("resync", false, "resync", false), summary(resync));
    assertEquals(33.3, resync.get("syncPercent"));
    assertEquals("source", resync.get("syncDirection"));
    assertEquals(List.of("connecting", false, "connecting", false), summary(MirrorDetails.of(
        stats(DiskRole.PRIMARY, DiskState.UP_TO_DATE, PeerState.HANDSHAKE, false, 0, 0), false)));
    assertEquals(List.of("disconnected", false, "disconnected", false), summary(MirrorDetails.of(
        stats(DiskRole.PRIMARY, DiskState.UP_TO_DATE, PeerState.DISCONNECTED, false, 0, 0), false)));
    assertEquals(List.of("paused", false, "paused", false), summary(MirrorDetails.of(
        stats(DiskRole.PRIMARY, DiskState.UP_TO_DATE, PeerState.DISCONNECTED, false, 0, 0), true)));
    Map<String, Object> sb = MirrorDetails.of(
        stats(DiskRole.PRIMARY, DiskState.UP_TO_DATE, PeerState.SPLIT_BRAIN, false, 0, 0), false);
    assertEquals(List.of("split-brain", false, "split-brain", true), summary(sb));
    assertEquals("both copies wrote", sb.get("lastProblem"));
  }
}
