package io.zoneha.engine.group;

import io.zoneha.engine.group.GroupAction.Activate;
import io.zoneha.engine.group.GroupAction.Deactivate;
import io.zoneha.engine.group.GroupAction.Forward;
import io.zoneha.engine.group.GroupAction.Handoff;
import io.zoneha.engine.group.GroupAction.StopClusterService;
import io.zoneha.engine.group.GroupEvent.ActivationFailed;
import io.zoneha.engine.group.GroupEvent.ActivationSucceeded;
import io.zoneha.engine.group.GroupEvent.ClaimsChanged;
import io.zoneha.engine.group.GroupEvent.DeactivationFailed;
import io.zoneha.engine.group.GroupEvent.DeactivationSucceeded;
import io.zoneha.engine.group.GroupEvent.HandoffReceived;
import io.zoneha.engine.group.GroupEvent.Isolated;
import io.zoneha.engine.group.GroupEvent.PeerDown;
import io.zoneha.engine.group.GroupEvent.StartRequested;
import io.zoneha.engine.group.GroupEvent.StartupComplete;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node model around one {@link GroupDecider}: what the real group manager and heartbeat layer
 * must do for the decider's guarantees to hold. Its rules, each one a requirement on the engine:
 * <ul>
 *   <li>a peer is down when unheard for {@code timeout} steps of this node's own running time:
 *       after a pause (SIGSTOP) the timers restart instead of declaring every peer down;
 *   <li>a heartbeat from a new incarnation of a live peer means the old one died: PeerDown with
 *       the old claims first, then the peer is live again;
 *   <li>PeerDown is fired only while the NP target is reachable, and a peer leaves the live set
 *       only together with its PeerDown. While NP is unreachable the first silent peer fires
 *       Isolated instead; once NP is back every peer gets a fresh timeout (they went silent
 *       because this node was cut off);
 *   <li>peers' last claims stay in the view after they go down (the epochs must not be forgotten);
 *   <li>StartupComplete fires when every server was heard or the startup wait is over, and only
 *       while the NP target is reachable;
 *   <li>groups stopped because of isolation get a StartRequested once the node is back and has
 *       heard its peers (or waited the startup wait): a peer that never noticed the isolation
 *       never fired PeerDown, so nobody else would start them;
 *   <li>heartbeats that arrived together (a backlog after a pause) are applied together and
 *       answered with one ClaimsChanged on the newest view; ClaimsChanged also fires every
 *       {@value #RECHECK_STEPS} steps when nothing changed, so the decider re-reads a view that
 *       holds news no claim change announces (a dead holder only one server heard of);
 *   <li>the resource runner works one group at a time: a deactivation asked for while an
 *       activation runs starts after it, and both results are reported, in order.
 * </ul>
 */
final class SimNode {
  private static final int RECHECK_STEPS = 10;

  private record Work(int doneAt, String group, boolean activation, boolean succeeds) {}

  final String name;
  private final ClusterSimulation sim;
  boolean alive = true;
  int frozenUntil = -1;
  private boolean paused;
  int resumedAt = Integer.MIN_VALUE / 2;
  int incarnation;
  private long seq;
  private int bootAt;
  boolean startupComplete;
  private boolean isolatedFired;
  Map<String, LocalGroup> local = new HashMap<>();
  final Set<String> live = new HashSet<>();
  final Map<String, Map<String, Claim>> claims = new HashMap<>();
  private final Map<String, long[]> lastSeq = new HashMap<>();
  private final Map<String, Integer> lastHeard = new HashMap<>();
  private final Set<String> everHeard = new HashSet<>();
  private final Set<String> stoppedByIsolation = new HashSet<>();
  private final Set<String> heardSinceRejoin = new HashSet<>();
  private int rejoinedAt;
  private int nextRestartTry;
  private final List<Work> work = new ArrayList<>();
  private final Map<String, Integer> busyUntil = new HashMap<>();
  final Deque<SimNetwork.Message> inbox = new ArrayDeque<>();

  SimNode(String name, ClusterSimulation sim) {
    this.name = name;
    this.sim = sim;
    boot(0);
  }

  /** A fresh process: nothing held, nothing known, a new incarnation for the heartbeats. */
  void boot(int now) {
    sim.forgetHandoffs(name);
    alive = true;
    paused = false;
    frozenUntil = -1;
    incarnation++;
    seq = 0;
    bootAt = now;
    startupComplete = false;
    isolatedFired = false;
    local = new HashMap<>();
    live.clear();
    live.add(name);
    claims.clear();
    lastSeq.clear();
    lastHeard.clear();
    everHeard.clear();
    everHeard.add(name);
    stoppedByIsolation.clear();
    nextRestartTry = 0;
    work.clear();
    busyUntil.clear();
    inbox.clear();
  }

  /** Groups this node would still ask to restart after an isolation (lost when it dies). */
  Set<String> pendingRestarts() {
    return Set.copyOf(stoppedByIsolation);
  }

  /** Killed with its resources (the server is gone); pending work and queued input are lost. */
  void kill() {
    alive = false;
    local = new HashMap<>();
    work.clear();
    inbox.clear();
  }

  boolean frozen(int now) {
    return now < frozenUntil;
  }

  boolean running(int now) {
    return alive && !frozen(now);
  }

  void step(int now) {
    if (!running(now)) {
      paused |= alive;
      return;
    }
    if (paused) {
      // Pause detection: the clock jumped, so silence during the pause says nothing about peers.
      paused = false;
      resumedAt = now;
      live.forEach(p -> lastHeard.put(p, now));
    }
    receiveAll(now);
    completeWork(now);
    if (alive) {
      detectFailures(now);
    }
    if (alive) {
      maybeStartupComplete(now);
    }
    if (alive) {
      restartAfterIsolation(now);
    }
    if (alive) {
      sendHeartbeats(now);
    }
  }

  /**
   * Heartbeats first, all of them, then one ClaimsChanged on the newest view: a backlog (after a
   * pause) must not make the node yield to a claim that a later heartbeat in the same backlog
   * already withdrew. Handoffs and forwarded requests follow, in order.
   */
  private void receiveAll(int now) {
    List<SimNetwork.Message> batch = List.copyOf(inbox);
    inbox.clear();
    boolean changed = false;
    for (SimNetwork.Message m : batch) {
      if (alive && m.body() instanceof SimNetwork.Heartbeat hb) {
        changed |= heartbeat(now, m.from(), hb);
      }
    }
    // Claims can stay unchanged for a long time; a periodic re-check lets the decider act on
    // what its view already shows (time is an input: this is the tick).
    if (changed || (now - bootAt) % RECHECK_STEPS == 0) {
      fire(now, new ClaimsChanged());
    }
    for (SimNetwork.Message m : batch) {
      if (alive && m.body() instanceof SimNetwork.Request r) {
        if (r.action() instanceof Handoff h) {
          fire(now, new HandoffReceived(h.group(), m.from(), h.epoch(), h.failovers(), h.reason()));
        } else if (r.action() instanceof Forward f) {
          fire(now, f.request());
        }
      }
    }
  }

  /** Applies one heartbeat; true when the live set or the peer's claims changed. */
  private boolean heartbeat(int now, String from, SimNetwork.Heartbeat hb) {
    long[] last = lastSeq.get(from);
    if (last != null && (hb.incarnation() < last[0] || hb.incarnation() == last[0] && hb.seq() <= last[1])) {
      return false; // duplicate or reordered: an older heartbeat never overrides a newer one
    }
    // A new incarnation means the old one died; its PeerDown is due unless already fired.
    boolean restarted = last != null && hb.incarnation() > last[0] && live.contains(from);
    lastSeq.put(from, new long[] {hb.incarnation(), hb.seq()});
    lastHeard.put(from, now);
    everHeard.add(from);
    heardSinceRejoin.add(from);
    if (restarted) {
      live.remove(from);
      fire(now, new PeerDown(from, claims.getOrDefault(from, Map.of())));
    }
    Map<String, Claim> before = claims.put(from, hb.claims());
    return live.add(from) | !hb.claims().equals(before);
  }

  private void completeWork(int now) {
    List<Work> due = work.stream().filter(w -> w.doneAt <= now).toList();
    work.removeAll(due);
    for (Work w : due) {
      if (!alive) {
        return;
      }
      if (w.activation) {
        fire(now, w.succeeds ? new ActivationSucceeded(w.group)
            : new ActivationFailed(w.group, "res1", 12, "simulated activation failure",
                sim.maxFailovers(w.group), sim.finalAction(w.group)));
      } else {
        fire(now, w.succeeds ? new DeactivationSucceeded(w.group)
            : new DeactivationFailed(w.group, "res1", 13, "simulated deactivation failure",
                sim.finalAction(w.group)));
      }
    }
  }

  private void detectFailures(int now) {
    boolean npReachable = sim.npReachable(name, now);
    if (npReachable && isolatedFired) {
      // Peers went silent because this node was cut off, not because they died: each gets a
      // fresh timeout before it can be declared down.
      isolatedFired = false;
      rejoinedAt = now;
      heardSinceRejoin.clear();
      heardSinceRejoin.add(name);
      live.forEach(p -> lastHeard.put(p, now));
    }
    for (String p : sim.servers()) {
      if (p.equals(name) || !live.contains(p) || now - lastHeard.getOrDefault(p, bootAt) <= sim.timeout()) {
        continue;
      }
      if (npReachable) {
        live.remove(p); // a peer leaves the live set only together with its PeerDown
        fire(now, new PeerDown(p, claims.getOrDefault(p, Map.of())));
      } else if (!isolatedFired) {
        isolatedFired = true;
        fire(now, new Isolated());
      }
    }
  }

  /**
   * Groups this node stopped because it was isolated may have found no taker (a peer that did
   * not notice the isolation never fired PeerDown). Once the node is back and has heard its
   * peers, it asks for them to be started, again every startup wait, until it sees a peer run
   * the group at an epoch at least its own: an older holder may be yielding to this node's
   * withdrawn claim, and a forwarded request can meet a view that still shows that claim.
   */
  private void restartAfterIsolation(int now) {
    if (stoppedByIsolation.isEmpty() || isolatedFired || now < nextRestartTry
        || !heardSinceRejoin.containsAll(sim.servers()) && now - rejoinedAt < sim.startupWait()) {
      return;
    }
    nextRestartTry = now + sim.startupWait();
    for (String g : List.copyOf(stoppedByIsolation)) {
      LocalGroup mine = local.getOrDefault(g, LocalGroup.INITIAL);
      boolean taken = live.stream().anyMatch(p -> !p.equals(name) && isOnlineSince(p, g, mine.epoch()));
      if (taken || mine.state() == GroupState.ONLINE || mine.state() == GroupState.ERROR) {
        stoppedByIsolation.remove(g);
      } else if (mine.state() == GroupState.OFFLINE) {
        fire(now, new StartRequested(g, null, "rejoin after isolation"));
      }
    }
  }

  private boolean isOnlineSince(String peer, String group, long epoch) {
    Claim c = claims.getOrDefault(peer, Map.of()).getOrDefault(group, Claim.NONE);
    return c.state() == GroupState.ONLINE && c.epoch() >= epoch;
  }

  private void maybeStartupComplete(int now) {
    boolean allHeard = everHeard.containsAll(sim.servers());
    if (!startupComplete && (allHeard || now - bootAt >= sim.startupWait()) && sim.npReachable(name, now)) {
      startupComplete = true;
      fire(now, new StartupComplete());
    }
  }

  private void sendHeartbeats(int now) {
    Map<String, Claim> mine = new HashMap<>();
    local.forEach((g, lg) -> mine.put(g, lg.claim()));
    SimNetwork.Heartbeat hb = new SimNetwork.Heartbeat(incarnation, ++seq, Map.copyOf(mine));
    for (String p : sim.servers()) {
      if (!p.equals(name)) {
        sim.network().sendDatagram(now, name, p, hb);
      }
    }
  }

  GroupView view() {
    return new GroupView(name, sim.groups(), sim.servers(), live, claims, local, startupComplete);
  }

  /** Feeds one event to the decider and carries out its actions, as the group manager would. */
  void fire(int now, GroupEvent event) {
    if (!alive) {
      return;
    }
    GroupView view = view();
    GroupDecision d;
    try {
      d = sim.decide(view, event);
    } catch (RuntimeException e) {
      throw new IllegalStateException(name + " at step " + now + " on " + event + ": " + e.getMessage(), e);
    }
    sim.trace(now, name, " <- ", event);
    Map<String, LocalGroup> before = local;
    local = new HashMap<>(d.local());
    sim.noteDecision(now, this, event, before, d);
    for (GroupAction a : d.actions()) {
      if (!alive) {
        break; // stopped its cluster service: nothing after that runs
      }
      sim.trace(now, name, " -> ", a);
      if (event instanceof Isolated && a instanceof Deactivate deact) {
        stoppedByIsolation.add(deact.group());
      }
      act(now, view, event, a);
    }
  }

  private void act(int now, GroupView view, GroupEvent event, GroupAction a) {
    if (a instanceof Activate act) {
      sim.checkActivation(now, view, event, act);
      schedule(now, act.group(), true, sim.activationSucceeds());
    } else if (a instanceof Deactivate deact) {
      schedule(now, deact.group(), false, sim.deactivationSucceeds());
    } else if (a instanceof Handoff || a instanceof Forward) {
      if (a instanceof Handoff h) {
        sim.noteHandoff(name, h);
      }
      sim.network().sendReliable(now, name, a instanceof Handoff h ? h.to() : ((Forward) a).to(), a);
    } else if (a instanceof StopClusterService) {
      sim.stopClusterService(now, this);
    }
  }

  private void schedule(int now, String group, boolean activation, boolean succeeds) {
    int start = Math.max(now, busyUntil.getOrDefault(group, now));
    int done = start + 1 + sim.random().nextInt(3);
    busyUntil.put(group, done);
    work.add(new Work(done, group, activation, succeeds));
    work.sort((x, y) -> Integer.compare(x.doneAt, y.doneAt));
  }
}
