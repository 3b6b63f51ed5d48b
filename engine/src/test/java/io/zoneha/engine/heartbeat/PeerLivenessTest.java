package io.zoneha.engine.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.heartbeat.LivenessChange.Kind;
import io.zoneha.engine.heartbeat.PeerLiveness.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Time is passed in: these tests advance it instead of sleeping. */
class PeerLivenessTest {
  private final PeerLiveness l = new PeerLiveness(List.of("node2"), 2, 3000, 1000);

  private static HeartbeatPacket hb(int link, long seq) {
    return new HeartbeatPacket("node2", link, 100, seq, 1000, "f", 0, Map.of());
  }

  private List<Kind> kinds(long now) {
    return l.evaluate(now, 500).stream().map(LivenessChange::kind).toList();
  }

  @Test
  void aPeerIsDownOnlyWhenEveryInterconnectTimedOut() {
    assertEquals(Verdict.ACCEPTED, l.accept(hb(0, 1), 0, 0));
    assertEquals(Verdict.ACCEPTED, l.accept(hb(1, 2), 1, 0));
    assertEquals(List.of(Kind.LINK_UP, Kind.LINK_UP, Kind.PEER_UP), kinds(10));
    l.accept(hb(1, 3), 1, 2000);
    assertEquals(List.of(Kind.LINK_DOWN), kinds(3000));
    assertTrue(l.isUp("node2"));
    assertEquals(List.of(), kinds(4999));
    assertEquals(List.of(Kind.LINK_DOWN, Kind.PEER_DOWN), kinds(5000));
    assertFalse(l.isUp("node2"));
  }

  @Test
  void replaysOldIncarnationsAndWrongLinksAreIgnored() {
    assertEquals(Verdict.ACCEPTED, l.accept(hb(0, 5), 0, 0));
    assertEquals(Verdict.REPLAYED, l.accept(hb(0, 5), 0, 1));
    assertEquals(Verdict.REPLAYED, l.accept(hb(0, 4), 0, 1));
    assertEquals(Verdict.WRONG_LINK, l.accept(hb(0, 6), 1, 1));
    assertEquals(Verdict.OLD_INCARNATION, l.accept(new HeartbeatPacket("node2", 0, 99, 100, 1000, "f", 0, Map.of()), 0, 1));
    assertEquals(Verdict.UNKNOWN_SENDER, l.accept(new HeartbeatPacket("node9", 0, 100, 100, 1000, "f", 0, Map.of()), 0, 1));
    assertEquals(Verdict.ACCEPTED, l.accept(new HeartbeatPacket("node2", 0, 101, 1, 1000, "f", 0, Map.of()), 0, 2),
        "a restarted peer (newer incarnation) starts its sequence again");
  }

  @Test
  void aSuspectedPeerIsDownAfterTheShortTimeout() {
    l.accept(hb(0, 1), 0, 0);
    kinds(0);
    l.suspect("node2");
    assertEquals(List.of(), kinds(999));
    assertEquals(List.of(Kind.LINK_DOWN, Kind.PEER_DOWN), kinds(1000));
  }

  @Test
  void ourOwnPauseGivesPeersAFreshWindow() {
    l.accept(hb(0, 1), 0, 0);
    kinds(0);
    l.resumedAfterPause(60_000);
    assertEquals(List.of(), kinds(60_001));
    assertEquals(List.of(Kind.LINK_DOWN, Kind.PEER_DOWN), kinds(63_000));
  }

  @Test
  void claimChangesAreReportedOncePerChange() {
    l.accept(hb(0, 1), 0, 0);
    kinds(0);
    l.accept(new HeartbeatPacket("node2", 0, 100, 2, 1000, "f", 0,
        Map.of("g", new io.zoneha.engine.group.Claim(io.zoneha.engine.group.GroupState.ONLINE, 1))), 0, 10);
    assertEquals(List.of(Kind.CLAIMS_CHANGED), kinds(10));
    assertEquals(List.of(), kinds(20));
  }

  @Test
  void aLateDatagramSentBeforeWeDeclaredThePeerDownDoesNotRevive() {
    l.accept(hb(0, 1), 0, 0);
    kinds(0);
    assertEquals(List.of(Kind.LINK_DOWN, Kind.PEER_DOWN), l.evaluate(3000, 2000).stream().map(LivenessChange::kind).toList());
    HeartbeatPacket late = new HeartbeatPacket("node2", 0, 100, 2, 1999, "f", 0, Map.of());
    assertEquals(Verdict.SENT_BEFORE_DOWN, l.accept(late, 0, 3100));
    HeartbeatPacket fresh = new HeartbeatPacket("node2", 0, 100, 3, 2001, "f", 0, Map.of());
    assertEquals(Verdict.ACCEPTED, l.accept(fresh, 0, 3200));
    assertEquals(List.of(Kind.LINK_UP, Kind.PEER_UP), kinds(3200));
  }

  @Test
  void aPeerThatNeverHeardFromUsIsAcceptedUntilItIsDeclaredDown() {
    HeartbeatPacket first = new HeartbeatPacket("node2", 0, 100, 1, -1, "f", 0, Map.of());
    assertEquals(Verdict.ACCEPTED, l.accept(first, 0, 0));
  }

  @Test
  void aPeerThatRestartsWithinTheTimeoutIsReportedAsRestartedWithItsOldClaims() {
    var held = Map.of("g", new io.zoneha.engine.group.Claim(io.zoneha.engine.group.GroupState.ONLINE, 3));
    l.accept(new HeartbeatPacket("node2", 0, 100, 1, 1000, "f", 0, held), 0, 0);
    kinds(0);
    l.accept(new HeartbeatPacket("node2", 0, 200, 1, 1000, "f", 0, Map.of()), 0, 500);
    List<LivenessChange> changes = l.evaluate(500, 500);
    assertEquals(List.of(Kind.PEER_RESTARTED, Kind.CLAIMS_CHANGED), changes.stream().map(LivenessChange::kind).toList());
    assertEquals(held, changes.get(0).claims());
    assertEquals(Map.of(), changes.get(1).claims());
  }
}
