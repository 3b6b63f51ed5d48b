package io.zoneha.engine.group;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Many seeded whole-cluster runs (see {@link ClusterSimulation} for the faults and the properties
 * checked). A failing run prints its seed; replay it alone, with every event and action traced:
 * {@code mvn -pl engine -am test -Dtest=ClusterSimulationTest -Dsim.seed=SEED -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ClusterSimulationTest {
  private static final long FIRST_SEED = Long.getLong("sim.firstSeed", 1);
  private static final int SEEDS = Integer.getInteger("sim.seeds", 500);

  @Test
  void safeUnderFaultsAndConvergesAfterHeal() {
    Long only = Long.getLong("sim.seed");
    long start = System.nanoTime();
    Map<String, Integer> totals = new TreeMap<>();
    int slowest = 0;
    int runs = 0;
    for (long seed = only != null ? only : FIRST_SEED; seed < (only != null ? only + 1 : FIRST_SEED + SEEDS); seed++) {
      ClusterSimulation.Result r = new ClusterSimulation(seed, only != null).run();
      if (!r.violations().isEmpty()) {
        System.out.println("---- last trace lines of seed " + seed);
        r.trace().forEach(System.out::println);
        fail("simulation seed " + seed + " (" + r.setup() + "): " + r.violations().get(0)
            + "\nreplay with -Dsim.seed=" + seed);
      }
      r.counts().forEach((k, v) -> totals.merge(k, v, k.startsWith("max") ? Math::max : Integer::sum));
      slowest = Math.max(slowest, r.convergedAfter());
      runs++;
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("simulation: %d seeds x %d steps in %d ms; slowest convergence %d steps after heal%n",
        runs, ClusterSimulation.FAULT_STEPS + ClusterSimulation.HEAL_STEPS, ms, slowest);
    totals.forEach((k, v) -> System.out.println("  " + k + ": " + v));
    assertTrue(totals.getOrDefault("kill", 0) > 0 && totals.getOrDefault("freeze", 0) > 0,
        "the fault injector must have run: " + totals);
    assertTrue(slowest <= ClusterSimulation.HEAL_STEPS, "convergence bound");
  }
}
