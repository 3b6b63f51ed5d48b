package io.zoneha.engine.witness;

import static io.zoneha.engine.witness.ReplayGuard.Verdict.FRESH;
import static io.zoneha.engine.witness.ReplayGuard.Verdict.FROM_THE_FUTURE;
import static io.zoneha.engine.witness.ReplayGuard.Verdict.REPLAYED;
import static io.zoneha.engine.witness.ReplayGuard.Verdict.TOO_OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  @Test
  void acceptsOnceInsideTheWindowOnly() {
    ReplayGuard g = new ReplayGuard(1000, 100);
    assertEquals(FRESH, g.check("a", 10_000, 10_000));
    assertEquals(REPLAYED, g.check("a", 10_000, 10_001));
    assertEquals(FRESH, g.check("b", 9_000, 10_000));
    assertEquals(TOO_OLD, g.check("c", 8_999, 10_000));
    assertEquals(FRESH, g.check("d", 11_000, 10_000));
    assertEquals(FROM_THE_FUTURE, g.check("e", 11_001, 10_000));
  }

  @Test
  void forgetsNoncesOnlyWhenTheirTimestampIsTooOldAnyway() {
    ReplayGuard g = new ReplayGuard(1000, 100);
    assertEquals(FRESH, g.check("a", 10_000, 10_000));
    assertEquals(REPLAYED, g.check("a", 10_000, 11_000));
    assertEquals(TOO_OLD, g.check("a", 10_000, 11_001));
    assertEquals(0, g.remembered());
  }

  @Test
  void aFullMemoryRaisesTheFloorInsteadOfForgettingSilently() {
    ReplayGuard g = new ReplayGuard(60_000, 3);
    for (int i = 0; i < 5; i++) {
      assertEquals(FRESH, g.check("n" + i, 10_000 + i, 10_010));
    }
    assertTrue(g.remembered() <= 3);
    // n0 and n1 were forgotten: their timestamps are now below the floor
    assertEquals(TOO_OLD, g.check("n0", 10_000, 10_010));
    assertEquals(TOO_OLD, g.check("n1", 10_001, 10_010));
    assertEquals(REPLAYED, g.check("n4", 10_004, 10_010));
    assertEquals(FRESH, g.check("n5", 10_005, 10_010));
  }
}
