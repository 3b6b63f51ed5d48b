package io.zoneha.mirror.protocol;

import static io.zoneha.mirror.protocol.SyncDecision.Outcome.NO_SYNC;
import static io.zoneha.mirror.protocol.SyncDecision.Outcome.REFUSE;
import static io.zoneha.mirror.protocol.SyncDecision.Outcome.RESYNC_FROM_PEER;
import static io.zoneha.mirror.protocol.SyncDecision.Outcome.RESYNC_TO_PEER;
import static io.zoneha.mirror.protocol.SyncDecision.Outcome.SPLIT_BRAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.mirror.protocol.SyncDecision.Decision;
import io.zoneha.mirror.protocol.SyncDecision.Outcome;
import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.DiskState;
import io.zoneha.mirror.storage.Generations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncDecisionTest {
  private static final long SIZE = 1 << 20;

  private static Hello h(long node, Generations g, DiskRole r, DiskState s, int dirty) {
    return new Hello(node, SIZE, 4096, 65536, g, r, s, dirty);
  }

  private static Hello sec(long node, Generations g) {
    return h(node, g, DiskRole.SECONDARY, DiskState.UP_TO_DATE, 0);
  }

  private static Hello pri(long node, Generations g, int dirty) {
    return h(node, g, DiskRole.PRIMARY, DiskState.UP_TO_DATE, dirty);
  }

  private static Outcome o(Hello a, Hello b) {
    return SyncDecision.decide(a, b).outcome();
  }

  /** The stories the decision exists for, each written out. */
  @Test
  void namedScenarios() {
    Generations c = Generations.of(0xC, 0, 0, 0);
    // steady pair: same generation, nothing dirty
    assertEquals(NO_SYNC, o(pri(1, c, 0), sec(2, c)));
    // the primary lost the link and wrote on: it moved on from C
    Generations moved = Generations.of(0xD, 0xC, 0, 0);
    assertEquals(RESYNC_TO_PEER, o(pri(1, moved, 3), sec(2, c)));
    assertEquals(RESYNC_FROM_PEER, o(sec(2, c), pri(1, moved, 3)));
    // failover: B moved on, the old primary A comes back with blocks in flight
    assertEquals(RESYNC_FROM_PEER, o(sec(1, c).withDirty(2), sec(2, moved)));
    // both wrote since C: split brain, in both directions
    Generations other = Generations.of(0xE, 0xC, 0, 0);
    assertEquals(SPLIT_BRAIN, o(sec(1, moved), pri(2, other, 1)));
    assertEquals(SPLIT_BRAIN, o(pri(2, other, 1), sec(1, moved)));
    // a crashed primary restarts as secondary with in-flight blocks on the same generation
    assertEquals(RESYNC_TO_PEER, o(sec(1, c).withDirty(4), sec(2, c)));
    // blank copies: nothing to copy, no resync phase; both adopt the same first generation at once
    Decision blank = SyncDecision.decide(sec(1, Generations.blank()), sec(2, Generations.blank()));
    assertFalse(blank.full());
    assertEquals(NO_SYNC, blank.outcome());
    assertNotEquals(Generations.NONE, blank.firstGeneration());
    assertEquals(blank.firstGeneration(),
        SyncDecision.decide(sec(2, Generations.blank()), sec(1, Generations.blank())).firstGeneration());
    assertEquals(NO_SYNC, o(pri(1, Generations.blank(), 0), sec(2, Generations.blank())));
    // the pairing reached only one side (the other dropped the session): the blank side catches up
    long first = SyncDecision.firstGeneration(1, 2);
    Generations adopted = Generations.of(first, 0, 0, 0);
    Decision half = SyncDecision.decide(pri(1, Generations.blank(), 0), sec(2, adopted));
    assertEquals(NO_SYNC, half.outcome());
    assertEquals(first, half.firstGeneration());
    assertEquals(NO_SYNC, o(sec(2, adopted), pri(1, Generations.blank(), 0)));
    // ... but not once the adopted side wrote on, or for a different pair of nodes
    assertEquals(REFUSE, o(pri(1, Generations.blank(), 0), sec(2, Generations.of(0x99, first, 0, 0))));
    assertEquals(RESYNC_FROM_PEER, o(sec(3, Generations.blank()), sec(2, adopted)));
    // a new pair where one copy's first copy was interrupted: full copy from the consistent one
    Decision partial = SyncDecision.decide(sec(1, Generations.blank()),
        h(2, Generations.blank(), DiskRole.SECONDARY, DiskState.INCONSISTENT, 0));
    assertEquals(RESYNC_TO_PEER, partial.outcome());
    assertTrue(partial.full());
    // a new blank secondary against data: full copy
    Decision full = SyncDecision.decide(pri(1, c, 0), sec(2, Generations.blank()));
    assertEquals(RESYNC_TO_PEER, full.outcome());
    assertTrue(full.full());
    // peer several generations ahead: full copy from it
    Decision ahead = SyncDecision.decide(sec(1, c), sec(2, Generations.of(0xF, 0, 0xC, 0)));
    assertEquals(RESYNC_FROM_PEER, ahead.outcome());
    assertTrue(ahead.full());
    // interrupted resync: the target is inconsistent on the old generation
    assertEquals(RESYNC_TO_PEER, o(pri(1, moved, 2), h(2, c, DiskRole.SECONDARY, DiskState.INCONSISTENT, 0)));
    // refusals
    assertEquals(REFUSE, o(pri(1, c, 0), pri(2, c, 0)));
    assertEquals(REFUSE, o(sec(1, Generations.of(1, 0, 0, 0)), sec(2, Generations.of(2, 0, 0, 0))));
    assertEquals(REFUSE, o(sec(1, c), new Hello(2, SIZE * 2, 4096, 65536, c, DiskRole.SECONDARY, DiskState.UP_TO_DATE, 0)));
    assertEquals(REFUSE, o(sec(1, c), sec(1, c)));
    assertEquals(REFUSE, o(h(1, c, DiskRole.SECONDARY, DiskState.INCONSISTENT, 0),
        h(2, c, DiskRole.SECONDARY, DiskState.INCONSISTENT, 0)));
    // the newer copy is primary-to-be but the peer is primary: never overwrite a primary
    assertEquals(REFUSE, o(sec(1, moved), pri(2, c, 0)));
  }

  /**
   * Every pair drawn from a small universe of generations, roles, states and dirty counts:
   * the two sides always agree, and no decision breaks a safety rule.
   */
  @Test
  void exhaustiveSymmetryAndSafety() {
    List<Hello> as = universe(1);
    List<Hello> bs = universe(2);
    int pairs = 0;
    int[] counts = new int[Outcome.values().length];
    for (Hello a : as) {
      for (Hello b : bs) {
        Decision ab = SyncDecision.decide(a, b);
        Decision ba = SyncDecision.decide(b, a);
        assertEquals(ab.outcome(), ba.mirrored().outcome(), () -> a + " vs " + b);
        assertEquals(ab.full(), ba.full(), () -> a + " vs " + b);
        assertEquals(ab.firstGeneration(), ba.firstGeneration(), () -> a + " vs " + b);
        checkSafety(a, b, ab);
        counts[ab.outcome().ordinal()]++;
        pairs++;
      }
    }
    assertTrue(pairs > 100_000);
    for (Outcome out : Outcome.values()) {
      assertNotEquals(0, counts[out.ordinal()], "outcome never produced: " + out);
    }
  }

  private static void checkSafety(Hello a, Hello b, Decision d) {
    if (a.role() == DiskRole.PRIMARY && b.role() == DiskRole.PRIMARY) {
      assertEquals(REFUSE, d.outcome(), "two primaries are never paired");
    }
    if (d.outcome() == RESYNC_FROM_PEER) {
      assertNotEquals(DiskRole.PRIMARY, a.role(), "a primary is never overwritten");
      assertEquals(DiskState.UP_TO_DATE, b.state(), "the source is up to date");
    }
    if (d.outcome() == RESYNC_TO_PEER) {
      assertNotEquals(DiskRole.PRIMARY, b.role(), "a primary is never overwritten");
      assertEquals(DiskState.UP_TO_DATE, a.state(), "the source is up to date");
    }
    if (d.outcome() == NO_SYNC) {
      long first = SyncDecision.firstGeneration(a.nodeId(), b.nodeId());
      long ca = a.generations().current();
      long cb = b.generations().current();
      assertTrue(ca == cb || (ca == 0 && cb == first) || (cb == 0 && ca == first),
          "same data: same generation, or one side still to adopt the first one");
      assertEquals(0, a.dirtyChunks() + b.dirtyChunks(), "dirty blocks are never ignored");
      assertEquals(ca == 0 || cb == 0, d.firstGeneration() != Generations.NONE,
          "a first generation exactly when a new pair needs no copy");
    } else {
      assertEquals(Generations.NONE, d.firstGeneration());
    }
    Generations ga = a.generations();
    Generations gb = b.generations();
    if (ga.bitmap() != 0 && ga.bitmap() == gb.bitmap() && ga.current() != gb.current()
        && ga.bitmap() != gb.current() && gb.bitmap() != ga.current() && !ga.isBlank() && !gb.isBlank()
        && !ga.historyContains(gb.current()) && !gb.historyContains(ga.current())) {
      assertTrue(d.outcome() == SPLIT_BRAIN || d.outcome() == REFUSE,
          () -> "diverged copies are never merged silently: " + a + " vs " + b + " -> " + d);
    }
  }

  private static Hello fresh(long node, boolean knownBlank, InitialCopy choice) {
    return sec(node, Generations.blank()).withPairing(knownBlank, choice);
  }

  /** Brand-new pairs: the admin's initialCopy and the known-blank flags decide, never a guess. */
  @Test
  void newPairScenarios() {
    assertEquals(NO_SYNC, o(fresh(1, true, InitialCopy.UNSET), fresh(2, true, InitialCopy.UNSET)));
    Decision unknown = SyncDecision.decide(fresh(1, false, InitialCopy.UNSET), fresh(2, false, InitialCopy.UNSET));
    assertEquals(REFUSE, unknown.outcome());
    assertTrue(unknown.reason().contains("initialCopy") && unknown.reason().contains("mirror recover"),
        unknown.reason());
    // the admin names server 1 (both sides say so, each from its own view)
    Decision chosen = SyncDecision.decide(fresh(1, false, InitialCopy.LOCAL), fresh(2, false, InitialCopy.PEER));
    assertEquals(RESYNC_TO_PEER, chosen.outcome());
    assertTrue(chosen.full());
    // even a known-blank copy is overwritten when the admin names the other one...
    assertEquals(RESYNC_FROM_PEER, o(fresh(1, true, InitialCopy.PEER), fresh(2, false, InitialCopy.LOCAL)));
    // ...and one side's setting is enough (the other runs an older config)
    assertEquals(RESYNC_TO_PEER, o(fresh(1, false, InitialCopy.UNSET), fresh(2, false, InitialCopy.PEER)));
    assertEquals(REFUSE, o(fresh(1, false, InitialCopy.LOCAL), fresh(2, false, InitialCopy.LOCAL)));
    assertEquals(REFUSE, o(fresh(1, false, InitialCopy.SKIP), fresh(2, false, InitialCopy.LOCAL)));
    Decision skip = SyncDecision.decide(fresh(1, false, InitialCopy.SKIP), fresh(2, false, InitialCopy.SKIP));
    assertEquals(NO_SYNC, skip.outcome());
    assertEquals(SyncDecision.firstGeneration(1, 2), skip.firstGeneration());
    // a known-blank copy takes the other's data (it has nothing to lose)
    Decision blankTakes = SyncDecision.decide(fresh(1, true, InitialCopy.UNSET), fresh(2, false, InitialCopy.UNSET));
    assertEquals(RESYNC_FROM_PEER, blankTakes.outcome());
    assertTrue(blankTakes.full());
    // a discarded copy (recover --source) takes the kept one's data whatever the flags say
    Hello discarded = h(2, Generations.blank(), DiskRole.SECONDARY, DiskState.INCONSISTENT, 0)
        .withPairing(false, InitialCopy.UNSET);
    assertEquals(RESYNC_TO_PEER, o(fresh(1, false, InitialCopy.UNSET), discarded));
  }

  /** Every pair of new and just-paired copies with every flag and choice: symmetric, and never a guess. */
  @Test
  void newPairsExhaustive() {
    List<Hello> as = pairingUniverse(1);
    List<Hello> bs = pairingUniverse(2);
    int[] counts = new int[Outcome.values().length];
    for (Hello a : as) {
      for (Hello b : bs) {
        Decision ab = SyncDecision.decide(a, b);
        Decision ba = SyncDecision.decide(b, a);
        assertEquals(ab.outcome(), ba.mirrored().outcome(), () -> a + " vs " + b);
        assertEquals(ab.full(), ba.full(), () -> a + " vs " + b);
        assertEquals(ab.firstGeneration(), ba.firstGeneration(), () -> a + " vs " + b);
        checkSafety(a, b, ab);
        checkNewPair(a, b, ab);
        counts[ab.outcome().ordinal()]++;
      }
    }
    for (Outcome out : new Outcome[] {NO_SYNC, RESYNC_TO_PEER, RESYNC_FROM_PEER, REFUSE}) {
      assertNotEquals(0, counts[out.ordinal()], "outcome never produced: " + out);
    }
  }

  private static void checkNewPair(Hello a, Hello b, Decision d) {
    if (!a.generations().isBlank() || !b.generations().isBlank()) {
      return;
    }
    boolean clean = a.state() == DiskState.UP_TO_DATE && b.state() == DiskState.UP_TO_DATE
        && a.dirtyChunks() == 0 && b.dirtyChunks() == 0;
    boolean skip = a.initialCopy() == InitialCopy.SKIP || b.initialCopy() == InitialCopy.SKIP;
    if (d.outcome() == NO_SYNC) {
      assertTrue(skip || (a.knownBlank() && b.knownBlank()), () -> "same bytes are never assumed: " + a + " vs " + b);
    }
    if (clean && d.isResync()) {
      Hello target = d.outcome() == RESYNC_TO_PEER ? b : a;
      Hello source = target == b ? a : b;
      boolean chosen = source.initialCopy() == InitialCopy.LOCAL || target.initialCopy() == InitialCopy.PEER;
      assertTrue(chosen || (target.knownBlank() && !source.knownBlank()),
          () -> "a copy is overwritten only by the admin's choice or when known blank: " + a + " vs " + b);
    }
    if (clean && !a.knownBlank() && !b.knownBlank() && a.initialCopy() == InitialCopy.UNSET
        && b.initialCopy() == InitialCopy.UNSET && a.role() != DiskRole.PRIMARY) {
      assertEquals(REFUSE, d.outcome(), () -> "no choice, unknown data: refused: " + a + " vs " + b);
    }
  }

  private static List<Hello> pairingUniverse(long node) {
    Generations[] gens = {Generations.blank(), Generations.of(SyncDecision.firstGeneration(1, 2), 0, 0, 0),
        Generations.of(5, 0, 0, 0)};
    List<Hello> out = new ArrayList<>();
    for (Generations g : gens) {
      for (DiskRole r : DiskRole.values()) {
        for (DiskState st : DiskState.values()) {
          for (int dirty : new int[] {0, 5}) {
            for (boolean blank : new boolean[] {false, true}) {
              for (InitialCopy c : InitialCopy.values()) {
                out.add(h(node, g, r, st, dirty).withPairing(blank, c));
              }
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void firstGenerationIsSharedAndNeverNone() {
    long[] ids = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x1234_5678_9abc_def0L};
    for (long x : ids) {
      for (long y : ids) {
        assertEquals(SyncDecision.firstGeneration(x, y), SyncDecision.firstGeneration(y, x));
        assertNotEquals(Generations.NONE, SyncDecision.firstGeneration(x, y));
      }
    }
    assertNotEquals(SyncDecision.firstGeneration(1, 2), SyncDecision.firstGeneration(1, 3));
  }

  private static List<Hello> universe(long node) {
    // the third id is the first generation of nodes 1 and 2, so half-adopted pairings are covered
    long[] ids = {0, 1, 2, SyncDecision.firstGeneration(1, 2)};
    List<Hello> out = new ArrayList<>();
    for (long cur : ids) {
      for (long bm : ids) {
        for (long h0 : ids) {
          Generations g = Generations.of(cur, bm, h0, 0);
          for (DiskRole r : DiskRole.values()) {
            for (DiskState s : DiskState.values()) {
              for (int dirty : new int[] {0, 5}) {
                out.add(h(node, g, r, s, dirty));
              }
            }
          }
        }
      }
    }
    return out;
  }
}
