package io.zoneha.engine.group;

import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.GroupConfig;
import java.util.List;

/**
 * FailoverTest's three-node story on a loaded machine: node1 runs failover1 and is killed, node2
 * (next in priority) takes it over, and an operator asks node3 to move it to node3. Meanwhile
 * every process stalls now and then (the CPU is busy), some stalls longer than the heartbeat
 * timeout, and heartbeats are late, lost or duplicated, so claims reach the deciders slowly.
 */
final class MoveAfterFailoverStory implements ClusterSimulation.Story {
  static final String GROUP = "failover1";
  private static final double STALL = 0.03;

  private enum Phase { WAIT_FOR_NODE1, WAIT_FOR_NODE2, MOVE, DONE }

  private Phase phase = Phase.WAIT_FOR_NODE1;
  int movedAt = -1;

  @Override
  public void setUp(ClusterSimulation sim) {
    List.of("node1", "node2", "node3").forEach(sim::addServer);
    sim.addGroup(new GroupConfig(GROUP, List.of("node1", "node2", "node3"), true, false, List.of()), 0, FinalAction.NONE);
    sim.network().loss = sim.random().nextDouble() * 0.2;
    sim.network().duplication = sim.random().nextDouble() * 0.1;
    sim.network().maxDelay = 1 + sim.random().nextInt(4);
    sim.failureRates(0, 0);
    sim.requireOneActivationPerEpoch();
  }

  @Override
  public void step(ClusterSimulation sim, int now) {
    if (phase != Phase.WAIT_FOR_NODE1) {
      stall(sim, now); // like the test, which starts its story once the cluster is up
    }
    switch (phase) {
      case WAIT_FOR_NODE1 -> {
        // the test reads the status on node3: once it shows node1 running the group
        if (online(sim, "node1") && heardHolding(sim, "node2", "node1") && heardHolding(sim, "node3", "node1")) {
          sim.killFor(sim.node("node1"), ClusterSimulation.FAULT_STEPS + 1);
          phase = Phase.WAIT_FOR_NODE2;
        }
      }
      case WAIT_FOR_NODE2 -> {
        if (online(sim, "node2")) {
          phase = Phase.MOVE;
        }
      }
      case MOVE -> {
        // the operator's request reaches node3's API whenever node3 gets to run
        if (sim.node("node3").running(now)) {
          sim.operator(sim.node("node3"), new GroupEvent.MoveRequested(GROUP, "node3", "admin"));
          movedAt = now;
          phase = Phase.DONE;
        }
      }
      case DONE -> { }
    }
  }

  /** A busy CPU: a running node stalls for 1 step up to a little over the heartbeat timeout. */
  private static void stall(ClusterSimulation sim, int now) {
    if (sim.random().nextDouble() >= STALL) {
      return;
    }
    SimNode n = sim.node(sim.servers().get(sim.random().nextInt(sim.servers().size())));
    if (n.running(now)) {
      sim.freeze(n, now + 1 + sim.random().nextInt(sim.timeout() + 3));
    }
  }

  private static boolean heardHolding(ClusterSimulation sim, String listener, String holder) {
    return sim.node(listener).claims.getOrDefault(holder, java.util.Map.of()).getOrDefault(GROUP, Claim.NONE).state().holds();
  }

  private static boolean online(ClusterSimulation sim, String server) {
    SimNode n = sim.node(server);
    return n.alive && n.local.getOrDefault(GROUP, LocalGroup.INITIAL).state() == GroupState.ONLINE;
  }
}
