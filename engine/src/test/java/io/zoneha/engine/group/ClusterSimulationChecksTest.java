package io.zoneha.engine.group;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.config.GroupConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The simulation's safety checks must fail a decider that breaks the rules they stand for. */
class ClusterSimulationChecksTest {
  private static final int SEEDS = 60;

  @Test
  void catchesADeciderThatNeverYields() {
    String v = firstViolation((view, event) -> event instanceof GroupEvent.ClaimsChanged
        ? new GroupDecision(view.local(), List.of())
        : GroupDecider.decide(view, event));
    assertTrue(v.contains("stays online") || v.contains("while they hear each other"), v);
  }

  @Test
  void catchesADeciderThatStartsWhatAPeerHolds() {
    String v = firstViolation((view, event) -> event instanceof GroupEvent.StartupComplete
        ? startEverything(view)
        : GroupDecider.decide(view, event));
    assertTrue(v.contains("although live"), v);
  }

  @Test
  void catchesASenderThatTakesBackTheEpochItHandedOn() {
    String v = firstViolation(ClusterSimulationChecksTest::takeBackAtTheHandedEpoch);
    assertTrue(v.contains("holds it at that epoch (one handed the group to the other)"), v);
  }

  @Test
  void catchesTwoActivationsOfOneEpochInAStory() {
    String v = "no violation";
    for (long seed = 1; seed <= SEEDS && v.equals("no violation"); seed++) {
      ClusterSimulation.Result r = new ClusterSimulation(seed, false, (view, event) -> event instanceof GroupEvent.MoveRequested m
          ? startHere(view, m.group()) : GroupDecider.decide(view, event), new MoveAfterFailoverStory()).run();
      v = r.violations().isEmpty() ? v : r.violations().get(0);
    }
    assertTrue(v.contains("holds it at that epoch"), v);
  }

  /** A handoff target that went down before claiming the group is replaced at its own epoch. */
  private static GroupDecision takeBackAtTheHandedEpoch(GroupView view, GroupEvent event) {
    if (event instanceof GroupEvent.PeerDown p) {
      for (GroupConfig g : view.groups()) {
        LocalGroup mine = view.localOf(g.name());
        if (mine.state() == GroupState.OFFLINE && p.server().equals(mine.handoffTo())) {
          Map<String, LocalGroup> local = new HashMap<>(view.local());
          local.put(g.name(), mine.withHandoff(null).to(GroupState.STARTING).withEpoch(mine.epoch() + 1));
          return new GroupDecision(local, List.of(new GroupAction.Activate(g.name(), mine.epoch() + 1, "broken take back")));
        }
      }
    }
    return GroupDecider.decide(view, event);
  }

  /** A move asked on a server that holds nothing starts the group there, whatever it has heard. */
  private static GroupDecision startHere(GroupView view, String group) {
    LocalGroup mine = view.localOf(group);
    if (mine.state() != GroupState.OFFLINE || view.peerHolder(group, null).isPresent()) {
      return new GroupDecision(view.local(), List.of());
    }
    long epoch = view.knownEpoch(group) + 1;
    Map<String, LocalGroup> local = new HashMap<>(view.local());
    local.put(group, mine.to(GroupState.STARTING).withEpoch(epoch));
    return new GroupDecision(local, List.of(new GroupAction.Activate(group, epoch, "broken move")));
  }

  /** Auto start that forgets to look at peers' claims. */
  private static GroupDecision startEverything(GroupView view) {
    Map<String, LocalGroup> local = new HashMap<>(view.local());
    List<GroupAction> actions = new ArrayList<>();
    for (GroupConfig g : view.groups()) {
      LocalGroup mine = view.localOf(g.name());
      if (g.startupServers().contains(view.self()) && mine.state() == GroupState.OFFLINE) {
        long epoch = view.knownEpoch(g.name()) + 1;
        local.put(g.name(), mine.to(GroupState.STARTING).withEpoch(epoch));
        actions.add(new GroupAction.Activate(g.name(), epoch, "broken auto start"));
      }
    }
    return new GroupDecision(local, actions);
  }

  private static String firstViolation(BiFunction<GroupView, GroupEvent, GroupDecision> decider) {
    for (long seed = 1; seed <= SEEDS; seed++) {
      ClusterSimulation.Result r = new ClusterSimulation(seed, false, decider).run();
      if (!r.violations().isEmpty()) {
        return r.violations().get(0);
      }
    }
    return "no violation in " + SEEDS + " seeds";
  }
}
