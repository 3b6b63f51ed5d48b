package io.zoneha.engine.witness;

import static io.zoneha.engine.witness.WitnessDecider.Verdict.ISOLATED;
import static io.zoneha.engine.witness.WitnessDecider.Verdict.PEER_ALIVE;
import static io.zoneha.engine.witness.WitnessDecider.Verdict.PEER_DOWN;
import static io.zoneha.engine.witness.WitnessDecider.Verdict.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.witness.WitnessDecider.Input;
import io.zoneha.engine.witness.WitnessDecider.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The witness decision table, its boundaries, and properties over every combination of inputs. */
class WitnessDeciderTest {
  private static final long T = 3000;
  private static final long I = 500;
  private static final long NEVER = Long.MAX_VALUE;

  private record Row(long ownContactAge, long peerSilence, long peerLostFor, Verdict expected) {}

  /** The decision table, written out by hand for timeout 3000 ms and interval 500 ms. */
  private static final List<Row> TABLE = List.of(
      // this node's own contact with the witness is too old: isolated, whatever the peer did
      new Row(3000, 0, 0, ISOLATED),
      new Row(3000, NEVER, 60_000, ISOLATED),
      new Row(NEVER, 0, 0, ISOLATED),
      new Row(NEVER, NEVER, 60_000, ISOLATED),
      new Row(10_000, 5000, 5000, ISOLATED),
      // fresh contact, the witness heard the peer within the timeout: link down, peer alive
      new Row(0, 0, 0, PEER_ALIVE),
      new Row(2999, 2999, 60_000, PEER_ALIVE),
      new Row(100, 1000, 1000, PEER_ALIVE),
      // fresh contact, the witness silent on the peer for timeout..timeout+interval: wait
      new Row(100, 3000, 60_000, WAIT),
      new Row(100, 3499, 60_000, WAIT),
      // fresh contact, long witness silence, but this node lost the peer only just now: wait
      new Row(100, 3500, 999, WAIT),
      new Row(100, NEVER, 0, WAIT),
      // fresh contact, witness silence of timeout+interval, loss of 2 intervals: take over
      new Row(100, 3500, 1000, PEER_DOWN),
      new Row(2999, NEVER, 1000, PEER_DOWN),
      new Row(0, 60_000, 60_000, PEER_DOWN));

  @Test
  void theTableHolds() {
    for (Row r : TABLE) {
      Verdict v = WitnessDecider.decide(new Input(r.ownContactAge(), r.peerSilence(), r.peerLostFor(), T, I)).verdict();
      assertEquals(r.expected(), v, r.toString());
    }
  }

  private static final long[] AGES = {0, 1, I - 1, I, 2 * I - 1, 2 * I, T - 1, T, T + 1, T + I - 1, T + I, T + I + 1,
      10 * T, NEVER};

  /** Every combination of boundary values: properties that must hold whatever the table says. */
  @Test
  void everyCombinationOfBoundaryValuesIsSafe() {
    int checked = 0;
    for (long own : AGES) {
      for (long silence : AGES) {
        for (long lost : AGES) {
          Verdict v = WitnessDecider.decide(new Input(own, silence, lost, T, I)).verdict();
          checked++;
          // never act without a live lease of our own
          assertEquals(own >= T, v == ISOLATED, "isolated exactly when own contact is too old: " + own);
          if (v == PEER_DOWN) {
            assertTrue(silence >= T + I && lost >= 2 * I, "took over too early: " + silence + "/" + lost);
          }
          if (v == PEER_ALIVE) {
            assertTrue(silence < T, "alive only when heard within the timeout");
          }
          // more silence or a longer loss never turns a takeover back into holding still
          if (v == PEER_DOWN && silence != NEVER && lost != NEVER) {
            assertEquals(PEER_DOWN, WitnessDecider.decide(new Input(own, silence + 1, lost, T, I)).verdict());
            assertEquals(PEER_DOWN, WitnessDecider.decide(new Input(own, silence, lost + 1, T, I)).verdict());
          }
        }
      }
    }
    assertEquals(AGES.length * AGES.length * AGES.length, checked);
  }

  @Test
  void reasonsSayWhatTheWitnessSaid() {
    assertEquals("never had an answer from the witness",
        WitnessDecider.decide(new Input(NEVER, 0, 0, T, I)).reason());
    assertEquals("the witness heard it 120 ms ago", WitnessDecider.decide(new Input(0, 120, 0, T, I)).reason());
    assertEquals("the witness has never heard it", WitnessDecider.decide(new Input(0, NEVER, 1000, T, I)).reason());
  }

  @Test
  void nonsenseInputFailsLoudly() {
    assertThrows(IllegalArgumentException.class, () -> new Input(-1, 0, 0, T, I));
    assertThrows(IllegalArgumentException.class, () -> new Input(0, 0, 0, 0, I));
    assertThrows(IllegalArgumentException.class, () -> new Input(0, 0, 0, T, 0));
  }

  @Test
  void aStartingNodeStartsAloneOnlyWhenTheWitnessHasNotHeardTheOthersEither() {
    assertEquals(WitnessDecider.StartVerdict.START_ALONE,
        WitnessDecider.decideStart(NEVER, java.util.Map.of(), T, I).verdict(), "hears everybody: no witness needed");
    assertEquals(WitnessDecider.StartVerdict.WAIT_FOR_WITNESS,
        WitnessDecider.decideStart(NEVER, java.util.Map.of("node2", NEVER), T, I).verdict());
    assertEquals(WitnessDecider.StartVerdict.WAIT_FOR_WITNESS,
        WitnessDecider.decideStart(T, java.util.Map.of("node2", NEVER), T, I).verdict());
    WitnessDecider.StartDecision alive = WitnessDecider.decideStart(100, java.util.Map.of("node2", T + I - 1), T, I);
    assertEquals(WitnessDecider.StartVerdict.WAIT_PEER_ALIVE, alive.verdict());
    assertEquals("the witness heard node2 3499 ms ago, but node2 sends no heartbeats here", alive.reason());
    assertEquals(WitnessDecider.StartVerdict.START_ALONE,
        WitnessDecider.decideStart(100, java.util.Map.of("node2", T + I), T, I).verdict());
    assertEquals(WitnessDecider.StartVerdict.START_ALONE,
        WitnessDecider.decideStart(T - 1, java.util.Map.of("node2", NEVER, "node3", 60_000L), T, I).verdict());
    assertEquals(WitnessDecider.StartVerdict.WAIT_PEER_ALIVE,
        WitnessDecider.decideStart(0, java.util.Map.of("node2", NEVER, "node3", 0L), T, I).verdict(),
        "one live server behind a cut is enough to wait");
    assertThrows(IllegalArgumentException.class, () -> WitnessDecider.decideStart(-1, java.util.Map.of(), T, I));
  }
}
