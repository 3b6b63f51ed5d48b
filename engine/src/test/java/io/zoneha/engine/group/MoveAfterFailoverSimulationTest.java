package io.zoneha.engine.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Many seeded runs of {@link MoveAfterFailoverStory}: FailoverTest's three-node failover and move
 * on a loaded machine. Besides the simulation's safety and liveness checks, no two servers may
 * ever hold the group at one epoch, and when no stall was long enough to look like a death, the
 * move must end on node3. Replay one run with every event traced:
 * {@code mvn -pl engine -am test -Dtest=MoveAfterFailoverSimulationTest -Dsim.seed=SEED -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MoveAfterFailoverSimulationTest {
  private static final int SEEDS = Integer.getInteger("sim.seeds", 400);

  @Test
  void oneActivationPerEpochAndTheMoveEndsOnItsTarget() {
    Long only = Long.getLong("sim.seed");
    Map<String, Integer> outcomes = new TreeMap<>();
    for (long seed = only != null ? only : 1; seed < (only != null ? only + 1 : 1 + SEEDS); seed++) {
      ClusterSimulation sim = new ClusterSimulation(seed, only != null, GroupDecider::decide, new MoveAfterFailoverStory());
      ClusterSimulation.Result r = sim.run();
      if (!r.violations().isEmpty()) {
        System.out.println("---- last trace lines of story seed " + seed);
        r.trace().forEach(System.out::println);
        fail("story seed " + seed + " (" + r.setup() + "): " + r.violations().get(0) + "\nreplay with -Dsim.seed=" + seed);
      }
      // a stall that outlasts the heartbeat timeout, or a request sent to a server that is gone,
      // legitimately changes where the group ends
      boolean disturbed = r.counts().getOrDefault("peer wrongly declared down", 0) > 0
          || r.counts().getOrDefault("request lost", 0) > 0;
      String holder = sim.holder(MoveAfterFailoverStory.GROUP);
      if (!disturbed) {
        assertEquals("node3", holder, "story seed " + seed + ": the move must end on node3");
      }
      outcomes.merge((disturbed ? "disturbed, " : "undisturbed, ") + "ends on " + holder, 1, Integer::sum);
    }
    System.out.println("move after failover: " + outcomes);
    assertTrue(only != null || outcomes.keySet().stream().anyMatch(k -> k.startsWith("undisturbed")),
        "some runs must be free of false deaths: " + outcomes);
  }
}
