package io.zoneha.engine.group;

import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.group.GroupAction.Activate;
import io.zoneha.engine.group.GroupAction.Handoff;
import io.zoneha.engine.group.GroupEvent.ActivationFailed;
import io.zoneha.engine.group.GroupEvent.DeactivationFailed;
import io.zoneha.engine.group.GroupEvent.DeactivationSucceeded;
import io.zoneha.engine.group.GroupEvent.FailoverRequested;
import io.zoneha.engine.group.GroupEvent.HandoffReceived;
import io.zoneha.engine.group.GroupEvent.MoveRequested;
import io.zoneha.engine.group.GroupEvent.StartRequested;
import io.zoneha.engine.group.GroupEvent.StopRequested;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One seeded run of a whole cluster: 2..4 servers, each a {@link SimNode} with its own decider and
 * view, on a {@link SimNetwork} that loses, delays and duplicates heartbeats. A fault phase adds
 * freezes, kills, cut links, isolation, failing activations and deactivations, operator moves and
 * monitor failovers; then everything heals and the cluster must converge.
 *
 * <p>Safety, checked after every step:
 * <ol>
 *   <li>Activation rule: a node activates a group only when no live server in its view holds it
 *       (the server handing the group over excepted, and on a handoff claims that would yield to
 *       the sender's activation, unless in error).
 *   <li>No ignored double activation: a running node never stays ONLINE for a group after it has
 *       received, from a server it considers live, that server's current claim to the same group
 *       with a newer epoch (or the same epoch and higher priority).
 *   <li>Bounded overlap: two running nodes that consider each other live and whose link is up are
 *       never both ONLINE for one group for more than {@link #OVERLAP_BOUND} steps in a row. A
 *       frozen node, one resumed within the last {@code timeout} steps, and a cut link are excused:
 *       without fencing nobody can do better (a later issue adds it).
 *   <li>A handoff's epoch + 1 belongs to its target: sender and target never hold the group at
 *       that epoch at the same time (when the sender places the group again because the target
 *       looks dead, or starts it while the handoff is pending, it uses a later one).
 *   <li>Only in stories that ask for it ({@link #requireOneActivationPerEpoch}): no two servers
 *       ever hold a group at the same epoch at the same time. Random runs cut links and isolate nodes, and two
 *       sides that cannot hear each other may both start from the same known epoch.
 * </ol>
 * Liveness, after the heal: every group ends with exactly one ONLINE holder and every other
 * server OFFLINE. Groups that were legitimately given up (failovers used up, deactivation failed)
 * or whose only holder died before any peer heard its claim are restarted by a simulated operator
 * and counted; any other group left without a holder fails the run.
 */
final class ClusterSimulation {
  static final int FAULT_STEPS = 250;
  static final int HEAL_STEPS = 150;
  static final int OVERLAP_BOUND = 20;
  private static final int TIMEOUT = 6;
  private static final int STARTUP_WAIT = 10;
  private static final int TRACE_LINES = 400;

  record Result(long seed, String setup, List<String> violations, Map<String, Integer> counts,
      int convergedAfter, List<String> trace) {}

  private final long seed;
  private final BiFunction<GroupView, GroupEvent, GroupDecision> decider;
  private final Random random;
  private final boolean fullTrace;
  private final List<String> servers = new ArrayList<>();
  private final List<GroupConfig> groups = new ArrayList<>();
  private final Map<String, Integer> maxFailovers = new HashMap<>();
  private final Map<String, FinalAction> finalActions = new HashMap<>();
  private final Map<String, SimNode> nodes = new LinkedHashMap<>();
  private final SimNetwork network;
  private final Story story;
  private double activationFailure;
  private double deactivationFailure;
  private final Map<String, Integer> restartAt = new HashMap<>();
  private final Map<String, Integer> isolatedUntil = new HashMap<>();
  private final Map<List<String>, Integer> cutUntil = new HashMap<>();
  private final Map<String, String> orphanCause = new HashMap<>();
  private final Map<String, Integer> unheldSince = new HashMap<>();
  private final Map<String, Integer> overlap = new HashMap<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private final Deque<TraceLine> trace = new ArrayDeque<>();
  private final List<String> violations = new ArrayList<>();
  /** Rule 4: the two ends of the handoffs that granted each "group@epoch". */
  private final Map<String, Set<Set<String>>> handedOn = new HashMap<>();
  private boolean oneActivationPerEpoch;
  private int now;
  private boolean healed;

  ClusterSimulation(long seed, boolean fullTrace) {
    this(seed, fullTrace, GroupDecider::decide);
  }

  /** With another decider: the test of the checks themselves feeds broken ones. */
  ClusterSimulation(long seed, boolean fullTrace, BiFunction<GroupView, GroupEvent, GroupDecision> decider) {
    this(seed, fullTrace, decider, null);
  }

  /**
   * A scripted run: {@code story} sets up the cluster and drives the fault phase instead of the
   * random fault injector; the checks, the heal and the convergence rule stay the same.
   */
  ClusterSimulation(long seed, boolean fullTrace, BiFunction<GroupView, GroupEvent, GroupDecision> decider, Story story) {
    this.decider = decider;
    this.seed = seed;
    this.random = new Random(seed);
    this.fullTrace = fullTrace;
    this.network = new SimNetwork(random);
    this.story = story;
    if (story == null) {
      randomSetup();
    } else {
      story.setUp(this);
    }
    servers.forEach(s -> nodes.put(s, new SimNode(s, this)));
  }

  /** A scripted cluster and fault phase (see {@link MoveAfterFailoverStory}). */
  interface Story {
    void setUp(ClusterSimulation sim);

    /** Called once per step of the fault phase, before the nodes step. */
    void step(ClusterSimulation sim, int now);
  }

  private void randomSetup() {
    int n = 2 + random.nextInt(3);
    for (int i = 1; i <= n; i++) {
      servers.add("node" + i);
    }
    int g = 1 + random.nextInt(3);
    for (int i = 1; i <= g; i++) {
      List<String> startup = new ArrayList<>(servers);
      Collections.shuffle(startup, random);
      startup = startup.subList(0, 2 + random.nextInt(n - 1));
      String name = "failover" + i;
      addGroup(new GroupConfig(name, startup, true, random.nextInt(3) == 0, List.of()), random.nextInt(4),
          FinalAction.values()[random.nextInt(FinalAction.values().length)]);
    }
    network.loss = random.nextDouble() * 0.3;
    network.duplication = random.nextDouble() * 0.1;
    network.maxDelay = 1 + random.nextInt(3);
    activationFailure = random.nextDouble() * 0.25;
    deactivationFailure = random.nextDouble() * 0.1;
  }

  // ---- for stories ------------------------------------------------------------------------

  void addServer(String name) {
    servers.add(name);
  }

  void addGroup(GroupConfig g, int failovers, FinalAction finalAction) {
    groups.add(g);
    maxFailovers.put(g.name(), failovers);
    finalActions.put(g.name(), finalAction);
  }

  void failureRates(double activation, double deactivation) {
    activationFailure = activation;
    deactivationFailure = deactivation;
  }

  SimNode node(String name) {
    return nodes.get(name);
  }

  void freeze(SimNode n, int until) {
    n.frozenUntil = until;
    count("freeze");
    trace(now, n.name + " frozen until " + until);
  }

  void killFor(SimNode n, int restartAt) {
    kill(n, restartAt);
  }

  void operator(SimNode n, GroupEvent request) {
    count("operator " + request.getClass().getSimpleName());
    n.fire(now, request);
  }

  Result run() {
    String setup = servers.size() + " servers, groups " + describeGroups() + String.format(
        ", loss %.2f, dup %.2f, delay <= %d, activation fails %.2f, deactivation fails %.2f",
        network.loss, network.duplication, network.maxDelay, activationFailure, deactivationFailure);
    trace(0, "setup: " + setup);
    int convergedAt = -1;
    try {
      for (now = 1; now <= FAULT_STEPS + HEAL_STEPS && violations.isEmpty(); now++) {
        if (now == FAULT_STEPS + 1) {
          heal();
        }
        step();
        boolean converged = healed && converged();
        convergedAt = converged ? (convergedAt < 0 ? now : convergedAt) : -1;
      }
    } catch (RuntimeException e) {
      violations.add("step " + now + ": decider or model failed: " + e);
    }
    if (violations.isEmpty() && convergedAt < 0) {
      violations.add("liveness: not converged " + HEAL_STEPS + " steps after the heal: " + holders());
    }
    return new Result(seed, setup, violations, counts, convergedAt - FAULT_STEPS,
        violations.isEmpty() ? List.of() : trace.stream().map(TraceLine::toString).toList());
  }

  private String describeGroups() {
    StringBuilder b = new StringBuilder();
    for (GroupConfig g : groups) {
      b.append(b.length() == 0 ? "" : "; ").append(g.name()).append(" on ").append(g.startupServers())
          .append(g.autoFailback() ? " autoFailback" : "").append(" failovers=").append(maxFailovers.get(g.name()))
          .append(" final=").append(finalActions.get(g.name()).yamlName());
    }
    return b.toString();
  }

  private void step() {
    if (!healed && story != null) {
      story.step(this, now);
    } else if (!healed) {
      injectFaults();
    }
    expireFaults();
    for (SimNetwork.Message m : network.due(now)) {
      SimNode to = nodes.get(m.to());
      boolean cut = network.isCut(m.from(), m.to());
      if (to.alive && !cut) {
        to.inbox.add(m);
      } else if (m.body() instanceof SimNetwork.Request r && r.action() instanceof Handoff h) {
        // Nothing tells the sender; see the report: a failed handoff needs an event of its own.
        orphan(h.group(), "handoff lost (target dead or cut off)");
      } else if (m.body() instanceof SimNetwork.Request) {
        count("request lost"); // a forwarded operator request: the operator sees a timeout
      }
    }
    List<SimNode> order = new ArrayList<>(nodes.values());
    Collections.shuffle(order, random);
    order.forEach(n -> n.step(now));
    if (healed) {
      operatorRepairs();
    }
    checkSafety();
  }

  private void injectFaults() {
    SimNode n = nodes.get(servers.get(random.nextInt(servers.size())));
    double r = random.nextDouble();
    if (r < 0.010 && n.running(now)) {
      n.frozenUntil = now + 3 + random.nextInt(20);
      count("freeze");
      trace(now, n.name + " frozen until " + n.frozenUntil);
    } else if (r < 0.018 && n.alive) {
      kill(n, now + 3 + random.nextInt(35));
    } else if (r < 0.028) {
      String other = servers.get(random.nextInt(servers.size()));
      if (!other.equals(n.name)) {
        cutUntil.put(List.of(n.name, other), now + 3 + random.nextInt(20));
        count("cut link");
        trace(now, "link " + n.name + "-" + other + " cut");
      }
    } else if (r < 0.033) {
      isolatedUntil.put(n.name, now + 5 + random.nextInt(20));
      count("isolation");
      trace(now, n.name + " isolated until " + isolatedUntil.get(n.name));
    } else if (r < 0.048 && n.running(now)) {
      operatorOrMonitor(n);
    }
  }

  private void operatorOrMonitor(SimNode n) {
    GroupConfig g = groups.get(random.nextInt(groups.size()));
    int kind = random.nextInt(3);
    if (kind == 0) {
      count("operator move");
      n.fire(now, new MoveRequested(g.name(), servers.get(random.nextInt(servers.size())), "sim"));
    } else if (kind == 1 && n.local.getOrDefault(g.name(), LocalGroup.INITIAL).state() == GroupState.ONLINE) {
      count("monitor failover");
      n.fire(now, new FailoverRequested(g.name(), "simulated monitor failure"));
    } else if (kind == 2) {
      count("operator start");
      n.fire(now, new StartRequested(g.name(), null, "sim"));
    }
  }

  private void kill(SimNode n, int restart) {
    for (GroupConfig g : groups) {
      LocalGroup lg = n.local.getOrDefault(g.name(), LocalGroup.INITIAL);
      if (lg.state().holds() && !anyPeerHeardHold(n, g.name(), lg.epoch())) {
        orphan(g.name(), "holder died before any other startup server heard it hold the group");
      }
    }
    n.pendingRestarts().forEach(g -> orphan(g, "isolated holder died before it could restart the group"));
    n.kill();
    restartAt.put(n.name, restart);
    count("kill");
    trace(now, n.name + " killed, restarts at " + restart);
  }

  /**
   * True when some other live startup server of the group will see {@code n}'s holding claim in
   * its PeerDown. Nobody else can act on it: the decider does not pass that knowledge on.
   */
  private boolean anyPeerHeardHold(SimNode n, String group, long epoch) {
    for (SimNode p : nodes.values()) {
      if (p != n && p.alive && group(group).startupServers().contains(p.name)) {
        Claim c = p.claims.getOrDefault(n.name, Map.of()).getOrDefault(group, Claim.NONE);
        if (c.state().holds() && c.epoch() == epoch) {
          return true;
        }
      }
    }
    return false;
  }

  private void expireFaults() {
    restartAt.entrySet().removeIf(e -> {
      if (e.getValue() > now) {
        return false;
      }
      nodes.get(e.getKey()).boot(now);
      trace(now, e.getKey() + " restarted");
      return true;
    });
    cutUntil.values().removeIf(until -> until <= now);
    isolatedUntil.values().removeIf(until -> until <= now);
    network.healAll();
    cutUntil.keySet().forEach(k -> network.cut(k.get(0), k.get(1)));
    for (String s : isolatedUntil.keySet()) {
      servers.forEach(o -> network.cut(s, o));
    }
  }

  private void heal() {
    healed = true;
    trace(now, "heal: faults stop, network perfect, every server up");
    cutUntil.clear();
    isolatedUntil.clear();
    restartAt.replaceAll((k, v) -> now);
    nodes.values().forEach(n -> n.frozenUntil = Math.min(n.frozenUntil, now));
    network.loss = 0;
    network.duplication = 0;
    network.maxDelay = 1;
  }

  /** A simulated operator fixes what the cluster is designed to leave to an operator. */
  private void operatorRepairs() {
    for (GroupConfig g : groups) {
      boolean held = false;
      for (SimNode n : nodes.values()) {
        GroupState s = n.alive ? n.local.getOrDefault(g.name(), LocalGroup.INITIAL).state() : GroupState.OFFLINE;
        held |= s.holds();
        if (s == GroupState.ERROR) {
          count("operator repair: stop group in error");
          orphan(g.name(), "deactivation failed");
          n.fire(now, new StopRequested(g.name(), "operator"));
        }
      }
      if (held) {
        unheldSince.remove(g.name());
        continue;
      }
      int since = unheldSince.computeIfAbsent(g.name(), k -> now);
      String cause = orphanCause.get(g.name());
      if (cause != null && now - since > 2 * TIMEOUT) {
        count("operator repair: start after " + cause);
        orphanCause.remove(g.name());
        SimNode n = nodes.get(servers.get(random.nextInt(servers.size())));
        n.fire(now, new StartRequested(g.name(), null, "operator"));
      }
    }
  }

  private boolean converged() {
    for (GroupConfig g : groups) {
      int online = 0;
      for (SimNode n : nodes.values()) {
        GroupState s = n.alive ? n.local.getOrDefault(g.name(), LocalGroup.INITIAL).state() : GroupState.OFFLINE;
        if (s == GroupState.ONLINE) {
          online++;
        } else if (s != GroupState.OFFLINE) {
          return false;
        }
      }
      if (online != 1) {
        return false;
      }
    }
    return true;
  }

  /** The one server running the group, or "nobody". */
  String holder(String group) {
    return nodes.values().stream().filter(n -> n.alive
            && n.local.getOrDefault(group, LocalGroup.INITIAL).state() == GroupState.ONLINE)
        .map(n -> n.name).findFirst().orElse("nobody");
  }

  private String holders() {
    StringBuilder b = new StringBuilder();
    for (GroupConfig g : groups) {
      b.append(g.name()).append(" {");
      nodes.values().forEach(n -> b.append(' ').append(n.name).append('=')
          .append(n.alive ? n.local.getOrDefault(g.name(), LocalGroup.INITIAL).state().label() : "dead"));
      b.append(" } ");
    }
    return b.toString();
  }

  // ---- safety -----------------------------------------------------------------------------

  /** Rules 1, 4 and 5, checked when the decider asks for an activation, against the view it decided on. */
  void checkActivation(int at, GroupView view, GroupEvent event, Activate a) {
    String key = a.group() + "@" + a.epoch();
    for (SimNode other : nodes.values()) {
      LocalGroup theirs = other.local.getOrDefault(a.group(), LocalGroup.INITIAL);
      if (other.name.equals(view.self()) || !other.alive || !theirs.state().holds() || theirs.epoch() != a.epoch()) {
        continue;
      }
      boolean handoffPair = handedOn.getOrDefault(key, Set.of()).contains(Set.of(other.name, view.self()));
      if (handoffPair || oneActivationPerEpoch && view.live().contains(other.name)) {
        violations.add("step " + at + ": " + view.self() + " activated " + a.group() + " at epoch " + a.epoch()
            + " on " + event + " while " + other.name + " holds it at that epoch"
            + (handoffPair ? " (one handed the group to the other)" : ""));
      }
    }
    String sender = event instanceof HandoffReceived h ? h.from() : null;
    // A handoff may pass over claims older than its own epoch (superseded activations, which
    // yield on hearing the new one), never over a claim in error.
    long basis = event instanceof HandoffReceived h ? h.epoch()
        : event instanceof DeactivationSucceeded ? view.localOf(a.group()).epoch() : -1;
    for (String p : view.live()) {
      Claim c = view.claimOf(p, a.group());
      boolean yieldsToSender = sender != null
          && new Claim(GroupState.ONLINE, basis).newerThan(c, servers.indexOf(sender), servers.indexOf(p));
      boolean stands = c.state() == GroupState.ERROR
          || (sender != null ? !yieldsToSender : c.epoch() > basis);
      if (!p.equals(view.self()) && !p.equals(sender) && c.state().holds() && stands) {
        violations.add("step " + at + ": " + view.self() + " activated " + a.group() + " (epoch " + a.epoch()
            + ") on " + event + " although live " + p + " claims it " + c);
      }
    }
  }

  private void checkSafety() {
    for (GroupConfig g : groups) {
      for (SimNode x : nodes.values()) {
        for (SimNode y : nodes.values()) {
          if (x != y) {
            checkPair(g.name(), x, y);
          }
        }
      }
    }
  }

  private void checkPair(String group, SimNode x, SimNode y) {
    LocalGroup lx = x.local.getOrDefault(group, LocalGroup.INITIAL);
    LocalGroup ly = y.local.getOrDefault(group, LocalGroup.INITIAL);
    if (!x.running(now) || !y.alive || lx.state() != GroupState.ONLINE || !ly.state().holds()) {
      overlap.remove(group + x.name + y.name);
      return;
    }
    Claim known = x.claims.getOrDefault(y.name, Map.of()).getOrDefault(group, Claim.NONE);
    boolean knowsCurrent = x.live.contains(y.name) && known.state().holds() && known.epoch() == ly.epoch();
    if (knowsCurrent && ly.claim().newerThan(lx.claim(), servers.indexOf(y.name), servers.indexOf(x.name))) {
      violations.add("step " + now + ": " + x.name + " stays online for " + group + " (epoch " + lx.epoch()
          + ") although it heard live " + y.name + " claim the newer " + ly.claim());
    }
    boolean excused = !y.running(now) || ly.state() != GroupState.ONLINE || network.isCut(x.name, y.name)
        || !x.live.contains(y.name) || !y.live.contains(x.name)
        || now - x.resumedAt <= TIMEOUT || now - y.resumedAt <= TIMEOUT;
    int steps = excused ? 0 : overlap.merge(group + x.name + y.name, 1, Integer::sum);
    if (excused) {
      overlap.remove(group + x.name + y.name);
    }
    counts.merge("max overlap (steps)", steps, Math::max);
    if (steps > OVERLAP_BOUND) {
      violations.add("step " + now + ": " + group + " online on both " + x.name + " and " + y.name
          + " for " + steps + " steps while they hear each other");
    }
  }

  // ---- called by the nodes ---------------------------------------------------------------

  void noteDecision(int at, SimNode n, GroupEvent event, Map<String, LocalGroup> before, GroupDecision d) {
    boolean handedOn = d.actions().stream().anyMatch(a -> a instanceof Handoff);
    if (event instanceof ActivationFailed e && !handedOn) {
      orphan(e.group(), "failovers used up");
    } else if (event instanceof DeactivationFailed e) {
      orphan(e.group(), "deactivation failed");
    } else if (event instanceof GroupEvent.Isolated) {
      for (GroupAction a : d.actions()) {
        String g = ((GroupAction.Deactivate) a).group();
        if (!anyPeerHeardHold(n, g, before.get(g).epoch())) {
          orphan(g, "isolated holder's claim never reached another startup server");
        }
      }
    } else if (event instanceof DeactivationSucceeded e && !handedOn
        && before.getOrDefault(e.group(), LocalGroup.INITIAL).handoffTo() != null) {
      orphan(e.group(), "no live server to hand over to");
    }
    if (event instanceof GroupEvent.PeerDown p && nodes.get(p.server()).alive) {
      count("peer wrongly declared down"); // stalled or cut off, not dead
    }
    d.actions().forEach(a -> count("action " + a.getClass().getSimpleName()));
    d.local().forEach((g, lg) -> {
      if (lg.state() == GroupState.ONLINE && before.getOrDefault(g, LocalGroup.INITIAL).state() != GroupState.ONLINE) {
        orphanCause.remove(g); // online again: whatever left it without a holder is over
      }
    });
  }

  /** A rebooted node starts its epochs afresh: handoffs it sent or received before mean nothing now. */
  void forgetHandoffs(String node) {
    handedOn.values().forEach(pairs -> pairs.removeIf(pair -> pair.contains(node)));
  }

  void noteHandoff(String from, Handoff h) {
    if (!from.equals(h.to())) {
      handedOn.computeIfAbsent(h.group() + "@" + (h.epoch() + 1), k -> new HashSet<>()).add(Set.of(from, h.to()));
    }
  }

  /** For stories without partitions: activating an epoch that a live peer holds is then a bug. */
  void requireOneActivationPerEpoch() {
    oneActivationPerEpoch = true;
  }

  void stopClusterService(int at, SimNode n) {
    count("stop cluster service");
    kill(n, healed ? at + 10 : at + 10 + random.nextInt(30));
  }

  private void orphan(String group, String cause) {
    orphanCause.putIfAbsent(group, cause);
  }

  void trace(int at, String line) {
    trace(at, line, "", "");
  }

  /** Kept as parts and written out only when printed: tracing every decision must stay cheap. */
  void trace(int at, String node, String arrow, Object what) {
    TraceLine l = new TraceLine(at, node, arrow, what);
    if (fullTrace) {
      System.out.println(l);
    }
    trace.addLast(l);
    if (trace.size() > TRACE_LINES) {
      trace.removeFirst();
    }
  }

  private record TraceLine(int at, String node, String arrow, Object what) {
    @Override
    public String toString() {
      String w = what instanceof GroupAction a ? ScenarioFormat.action(a) : String.valueOf(what);
      return String.format("%4d %s%s%s", at, node, arrow, w);
    }
  }

  private void count(String what) {
    counts.merge(what, 1, Integer::sum);
  }

  GroupDecision decide(GroupView view, GroupEvent event) {
    return decider.apply(view, event);
  }

  GroupConfig group(String name) {
    return groups.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
  }

  List<GroupConfig> groups() {
    return groups;
  }

  List<String> servers() {
    return servers;
  }

  int maxFailovers(String group) {
    return maxFailovers.get(group);
  }

  FinalAction finalAction(String group) {
    return finalActions.get(group);
  }

  SimNetwork network() {
    return network;
  }

  Random random() {
    return random;
  }

  int timeout() {
    return TIMEOUT;
  }

  int startupWait() {
    return STARTUP_WAIT;
  }

  boolean npReachable(String server, int at) {
    return !isolatedUntil.containsKey(server);
  }

  boolean activationSucceeds() {
    return healed || random.nextDouble() >= activationFailure;
  }

  boolean deactivationSucceeds() {
    return healed || random.nextDouble() >= deactivationFailure;
  }
}
