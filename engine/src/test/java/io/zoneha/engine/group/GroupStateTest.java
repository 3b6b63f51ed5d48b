package io.zoneha.engine.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks the enum's transition table against a second list written here from the lifecycle story,
 * so a careless edit of either one fails this test.
 */
class GroupStateTest {

  /** The lifecycle as an operator would tell it, one allowed move per line. */
  private static final String[] ALLOWED_MOVES = {
      "OFFLINE  -> STARTING",  // activation begins
      "STARTING -> ONLINE",    // every resource came up
      "STARTING -> STOPPING",  // asked to yield or stop while still starting
      "ONLINE   -> STOPPING",  // stop, move, failover, yield
      "STOPPING -> OFFLINE",   // every resource went down
      "STOPPING -> ERROR",     // a resource would not go down
      "ERROR    -> STOPPING",  // operator or final action retries the stop
  };

  /** Wire codes are part of the heartbeat format: they may grow, never change. */
  private static final Map<GroupState, Integer> WIRE_CODES = Map.of(
      GroupState.OFFLINE, 0,
      GroupState.STARTING, 1,
      GroupState.ONLINE, 2,
      GroupState.STOPPING, 3,
      GroupState.ERROR, 4);

  private static Set<String> allowedPairs() {
    Set<String> pairs = new HashSet<>();
    for (String line : ALLOWED_MOVES) {
      String[] p = line.split("->");
      GroupState from = GroupState.valueOf(p[0].trim());
      GroupState to = GroupState.valueOf(p[1].trim());
      assertTrue(pairs.add(from + ">" + to), "duplicate line in the test's own list: " + line);
    }
    return pairs;
  }

  @Test
  void tableMatchesTheIndependentList() {
    Set<String> allowed = allowedPairs();
    int checked = 0;
    for (GroupState from : GroupState.values()) {
      for (GroupState to : GroupState.values()) {
        boolean expected = allowed.contains(from + ">" + to);
        assertEquals(expected, from.canMoveTo(to), from + " -> " + to);
        checked++;
      }
    }
    assertEquals(25, checked);
  }

  @Test
  void everyIllegalMoveThrowsNamingBothStates() {
    Set<String> allowed = allowedPairs();
    int illegal = 0;
    for (GroupState from : GroupState.values()) {
      for (GroupState to : GroupState.values()) {
        if (allowed.contains(from + ">" + to)) {
          assertEquals(to, from.moveTo(to));
          continue;
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> from.moveTo(to));
        assertEquals("illegal group transition " + from + " -> " + to, e.getMessage());
        illegal++;
      }
    }
    assertEquals(25 - ALLOWED_MOVES.length, illegal);
  }

  @Test
  void noStateMovesToItself() {
    for (GroupState s : GroupState.values()) {
      assertFalse(s.canMoveTo(s), s.toString());
    }
  }

  @Test
  void localGroupChecksTheTableToo() {
    LocalGroup g = LocalGroup.INITIAL;
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.to(GroupState.ONLINE));
    assertEquals("illegal group transition OFFLINE -> ONLINE", e.getMessage());
    assertEquals(GroupState.ONLINE, g.to(GroupState.STARTING).to(GroupState.ONLINE).state());
  }

  @Test
  void wireCodesAreStableUniqueAndRoundTrip() {
    assertEquals(WIRE_CODES.keySet(), Set.of(GroupState.values()), "every state needs a pinned wire code");
    Set<Integer> seen = new HashSet<>();
    for (GroupState s : GroupState.values()) {
      assertEquals(WIRE_CODES.get(s), s.code(), "wire code of " + s);
      assertTrue(seen.add(s.code()), "duplicate wire code " + s.code());
      assertEquals(s, GroupState.fromCode(s.code()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroupState.fromCode(99));
    assertEquals("unknown group state code 99", e.getMessage());
  }

  @Test
  void onlyOfflineHoldsNothing() {
    for (GroupState s : GroupState.values()) {
      assertEquals(s != GroupState.OFFLINE, s.holds(), s.toString());
    }
  }

  @Test
  void labelsAreLowerCaseWordsForStatus() {
    for (GroupState s : GroupState.values()) {
      assertEquals(s.name().toLowerCase(java.util.Locale.ROOT), s.label());
    }
  }
}
