package io.zoneha.mirror.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.mirror.replication.MirrorMode;
import io.zoneha.mirror.replication.MirrorStats;
import io.zoneha.mirror.replication.PeerState;
import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.DiskState;
import org.junit.jupiter.api.Test;

class MirrorMonitorJudgeTest {
  private static MirrorStats stats(PeerState p, DiskState d) {
    return new MirrorStats(DiskRole.SECONDARY, d, p, false, MirrorMode.SYNC, 0, 100, 25, 0, 0, 0, "why");
  }

  @Test
  void stateMonitor() {
    assertEquals(MonitorResult.normal(), MirrorMonitorTypes.judgeState(stats(PeerState.STREAMING, DiskState.UP_TO_DATE)));
    assertEquals(MirrorErrors.SPLIT_BRAIN, MirrorMonitorTypes.judgeState(stats(PeerState.SPLIT_BRAIN, DiskState.UP_TO_DATE)).code());
    assertEquals(MirrorErrors.PAIR_REFUSED, MirrorMonitorTypes.judgeState(stats(PeerState.REFUSED, DiskState.UP_TO_DATE)).code());
    MonitorResult target = MirrorMonitorTypes.judgeState(stats(PeerState.SYNC_TARGET, DiskState.INCONSISTENT));
    assertEquals(MonitorResult.Status.WARNING, target.status());
    assertEquals(MirrorErrors.LOCAL_COPY_NOT_UP_TO_DATE, target.code());
    assertEquals("local copy is INCONSISTENT (resync 25.0%)", target.message());
    assertEquals(MirrorErrors.RESYNC_RUNNING, MirrorMonitorTypes.judgeState(stats(PeerState.SYNC_SOURCE, DiskState.UP_TO_DATE)).code());
    // a copy that is up to date but alone is the connection monitor's business, not this one's
    assertEquals(MonitorResult.normal(), MirrorMonitorTypes.judgeState(stats(PeerState.DISCONNECTED, DiskState.UP_TO_DATE)));
  }

  @Test
  void connectionMonitor() {
    for (PeerState p : PeerState.values()) {
      MonitorResult r = MirrorMonitorTypes.judgeConnection(stats(p, DiskState.UP_TO_DATE));
      boolean up = p == PeerState.STREAMING || p == PeerState.SYNC_SOURCE || p == PeerState.SYNC_TARGET;
      assertEquals(up ? MonitorResult.Status.NORMAL : MonitorResult.Status.ERROR, r.status(), p.toString());
      if (!up) {
        assertEquals(MirrorErrors.PEER_DISCONNECTED, r.code());
      }
    }
  }
}
