package io.zoneha.engine.group;

import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.group.GroupAction.Activate;
import io.zoneha.engine.group.GroupAction.Alert;
import io.zoneha.engine.group.GroupAction.Deactivate;
import io.zoneha.engine.group.GroupAction.Forward;
import io.zoneha.engine.group.GroupAction.Handoff;
import io.zoneha.engine.group.GroupAction.Reject;
import io.zoneha.engine.group.GroupAction.Severity;
import io.zoneha.engine.group.GroupAction.StopClusterService;
import io.zoneha.engine.group.GroupEvent.ActivationFailed;
import io.zoneha.engine.group.GroupEvent.ActivationSucceeded;
import io.zoneha.engine.group.GroupEvent.ClaimsChanged;
import io.zoneha.engine.group.GroupEvent.DeactivationFailed;
import io.zoneha.engine.group.GroupEvent.DeactivationSucceeded;
import io.zoneha.engine.group.GroupEvent.FailoverRequested;
import io.zoneha.engine.group.GroupEvent.HandoffReceived;
import io.zoneha.engine.group.GroupEvent.Isolated;
import io.zoneha.engine.group.GroupEvent.MoveRequested;
import io.zoneha.engine.group.GroupEvent.PeerDown;
import io.zoneha.engine.group.GroupEvent.StartRequested;
import io.zoneha.engine.group.GroupEvent.StartupComplete;
import io.zoneha.engine.group.GroupEvent.StopRequested;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The failover decision as a pure function of (view, event). No clock, socket or Vert.x here: the
 * group manager feeds events in and runs the returned actions.
 *
 * <p>Safety rule: this server activates a group only when no live peer claims it, and when two
 * servers claim one group the older activation (lower epoch) yields. A handoff carries the epoch
 * of the activation it ends; claims that would yield to that activation (older epoch, or same
 * epoch and lower priority) are already superseded, so only claims in error or newer block it.
 * The epoch after a handoff's belongs to its target: the sender never activates it itself (see
 * {@link #activate} and {@code handOnAgain}), so a stalled target that only looked dead and its
 * sender's fallback never claim one epoch together.
 *
 * <p>Liveness needs the group manager to feed events as the cluster simulation test's node
 * model does (SimNode spells it out): keep a dead peer's last claims in the view and drop a peer
 * from {@code live} only with its PeerDown; report a peer's new incarnation as a PeerDown of the
 * old one; after a pause restart the failure timers; apply a heartbeat backlog at once; fire
 * ClaimsChanged at least once per heartbeat timeout even when nothing changed; after an
 * isolation ask again (StartRequested) for the groups it stopped until a peer runs them; and
 * report an activation result even when a deactivation was asked for meanwhile.
 */
public final class GroupDecider {
  private final GroupView view;
  private final Map<String, LocalGroup> local;
  private final List<GroupAction> actions = new ArrayList<>();

  private GroupDecider(GroupView view) {
    this.view = view;
    this.local = new HashMap<>(view.local());
  }

  public static GroupDecision decide(GroupView view, GroupEvent event) {
    GroupDecider d = new GroupDecider(view);
    d.on(event);
    return new GroupDecision(d.local, d.actions);
  }

  // Java 17 has no pattern switch; the chain ends in a loud failure so a new event type is noticed.
  private void on(GroupEvent event) {
    if (event instanceof StartupComplete) {
      autoStart();
    } else if (event instanceof PeerDown e) {
      peerDown(e);
    } else if (event instanceof ClaimsChanged) {
      claimsChanged();
    } else if (event instanceof Isolated) {
      isolated();
    } else if (event instanceof StartRequested e) {
      start(e);
    } else if (event instanceof StopRequested e) {
      stop(e);
    } else if (event instanceof MoveRequested e) {
      move(e);
    } else if (event instanceof HandoffReceived e) {
      handoff(e);
    } else if (event instanceof ActivationSucceeded e) {
      activated(e.group());
    } else if (event instanceof ActivationFailed e) {
      activationFailed(e);
    } else if (event instanceof DeactivationSucceeded e) {
      deactivated(e.group());
    } else if (event instanceof DeactivationFailed e) {
      deactivationFailed(e);
    } else if (event instanceof FailoverRequested e) {
      failover(e.group(), e.reason(), lg(e.group()).failovers() + 1);
    } else {
      throw new IllegalStateException("unhandled group event " + event);
    }
  }

  private void autoStart() {
    for (GroupConfig g : view.groups()) {
      if (g.autoStart() && isDesignated(g) && lg(g.name()).state() == GroupState.OFFLINE
          && view.peerHolder(g.name(), null).isEmpty()) {
        activate(g.name(), 0, "auto start: " + view.self() + " is the first live startup server");
      }
    }
  }

  private void peerDown(PeerDown e) {
    for (GroupConfig g : view.groups()) {
      Claim last = e.lastClaims().getOrDefault(g.name(), Claim.NONE);
      if (e.server().equals(pendingHandoff(g.name()))) {
        // Even when its last claim holds (its copy from before the handoff). The target may only
        // look dead and still activate the epoch it was handed; this server takes that epoch as
        // its own last one, so whatever it starts later, here or through another handoff, is newer.
        LocalGroup mine = lg(g.name());
        local.put(g.name(), mine.withHandoff(null).withEpoch(mine.epoch() + 1));
        handOnAgain(g, e.server());
        continue;
      }
      if (!last.state().holds()) {
        takeOverOrphan(g, false);
        continue;
      }
      if (!isDesignated(g) || view.peerHolder(g.name(), null).isPresent()) {
        continue;
      }
      LocalGroup mine = lg(g.name());
      if (mine.state() == GroupState.OFFLINE) {
        activate(g.name(), last.epoch(), "fail over from " + e.server() + ": server went down while holding the group");
      } else if (mine.state() == GroupState.STOPPING && mine.handoffTo() == null) {
        // Yielding, most likely to the server that just died: take over once stopped.
        local.put(g.name(), mine.withHandoff(view.self()).withEpoch(Math.max(mine.epoch(), last.epoch())));
        alert(Severity.INFO, g.name(), e.server() + " went down holding " + g.name() + "; " + view.self()
            + " takes it over once its own deactivation is done");
      }
    }
  }

  /**
   * A PeerDown takeover can be held back by a live peer that was still stopping the group (or
   * skipped because the designated server died before taking over). What is left in the view
   * tells: the newest activation of the group belongs to a server that is down, and no live
   * server holds it. Then the designated server takes it over. On a later ClaimsChanged
   * ({@code tellDesignated}) any other server that still sees this hands the group to the
   * designated one, which may never have heard the dead server's claim.
   */
  private void takeOverOrphan(GroupConfig g, boolean tellDesignated) {
    LocalGroup mine = lg(g.name());
    Optional<String> designated = view.firstLive(g, null);
    if (mine.state() != GroupState.OFFLINE || mine.handoffTo() != null || designated.isEmpty()
        || view.peerHolder(g.name(), null).isPresent()) {
      return;
    }
    Optional<String> dead = deadNewestHolder(g.name());
    if (dead.isEmpty()) {
      return;
    }
    String why = dead.get() + " went down holding " + g.name() + " and no live server has it";
    if (designated.get().equals(view.self())) {
      activate(g.name(), 0, "fail over from " + dead.get() + ": it went down holding the group and no live server has it");
    } else if (tellDesignated) {
      long epoch = view.claimOf(dead.get(), g.name()).epoch();
      // kept as this server's epoch: should the designated one be lost too, handOnAgain skips
      // the epoch it was handed
      local.put(g.name(), mine.withHandoff(designated.get()).withEpoch(Math.max(mine.epoch(), epoch)));
      actions.add(new Handoff(g.name(), designated.get(), epoch, 0, "fail over to " + designated.get() + ": " + why));
    }
  }

  /** The down server holding the group's newest known activation, if any. */
  private Optional<String> deadNewestHolder(String group) {
    long newest = view.knownEpoch(group);
    for (String s : view.servers()) {
      Claim c = view.claimOf(s, group);
      if (!s.equals(view.self()) && !view.live().contains(s) && c.state().holds() && c.epoch() == newest) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * The server this one handed the group to and has not yet seen claim it, or null. Until the
   * target's claim shows up nobody else knows the group should run, so if the target dies first
   * this server must place the group again.
   */
  private String pendingHandoff(String group) {
    LocalGroup mine = lg(group);
    return mine.state() == GroupState.OFFLINE ? mine.handoffTo() : null;
  }

  /**
   * True when a live peer holds the group at an epoch after the pending handoff's: the target (or
   * someone after it) has taken the group. A holding claim from before the handoff does not
   * count: it may be the target's own old copy, still yielding, or any other stale claim, and
   * until the handoff's epoch is taken it stays reserved for the target.
   */
  private boolean claimedSinceHandoff(String group) {
    long handedAt = lg(group).epoch();
    for (String s : view.servers()) {
      Claim c = view.claimOf(s, group);
      if (!s.equals(view.self()) && view.live().contains(s) && c.state().holds() && c.epoch() > handedAt) {
        return true;
      }
    }
    return false;
  }

  /**
   * The handoff target went down before its claim showed up; this server's epoch is already past
   * the one the target was handed (see peerDown). Should the lost target run the group after all,
   * the two activations differ and the newer one, placed here, stays.
   */
  private void handOnAgain(GroupConfig g, String lost) {
    LocalGroup mine = lg(g.name());
    if (view.peerHolder(g.name(), null).isPresent()) {
      return;
    }
    String why = "handoff target " + lost + " went down before it took " + g.name() + " over";
    Optional<String> next = view.firstLive(g, null);
    if (next.isEmpty()) {
      alert(Severity.ERROR, g.name(), why + ", and no live server can take it");
    } else if (next.get().equals(view.self())) {
      activate(g.name(), mine.epoch(), "take " + g.name() + " back: " + why);
    } else {
      local.put(g.name(), mine.withHandoff(next.get()));
      actions.add(new Handoff(g.name(), next.get(), mine.epoch(), mine.failovers(), "hand over from "
          + view.self() + ": " + why));
    }
  }

  private void claimsChanged() {
    for (GroupConfig g : view.groups()) {
      if (pendingHandoff(g.name()) != null && claimedSinceHandoff(g.name())) {
        local.put(g.name(), lg(g.name()).withHandoff(null)); // someone has it: the handoff is done
      }
      LocalGroup mine = lg(g.name());
      if (mine.state() == GroupState.OFFLINE) {
        takeOverOrphan(g, true);
      }
      if (mine.state() != GroupState.ONLINE && mine.state() != GroupState.STARTING) {
        continue;
      }
      Optional<String> other = view.peerHolder(g.name(), null);
      if (other.isPresent()) {
        doubleActivation(g.name(), mine, other.get());
      } else if (g.autoFailback() && mine.state() == GroupState.ONLINE) {
        failback(g);
      }
    }
  }

  private void doubleActivation(String group, LocalGroup mine, String other) {
    Claim theirs = view.claimOf(other, group);
    String what = "group " + group + " is active on both " + view.self() + " (epoch " + mine.epoch()
        + ") and " + other + " (epoch " + theirs.epoch() + ")";
    if (theirs.newerThan(mine.claim(), view.priority(other), view.priority(view.self()))) {
      alert(Severity.ERROR, group, "split brain detected: " + what + "; " + view.self() + " yields");
      deactivate(group, null, mine.failovers(), "yield to the newer activation on " + other);
    } else {
      alert(Severity.ERROR, group, "split brain detected: " + what + "; " + other + " must yield");
    }
  }

  private void failback(GroupConfig g) {
    Optional<String> first = view.firstLive(g, null);
    if (first.isPresent() && !first.get().equals(view.self())
        && g.startupServers().indexOf(first.get()) < g.startupServers().indexOf(view.self())) {
      deactivate(g.name(), first.get(), 0, "automatic failback to " + first.get());
    }
  }

  private void isolated() {
    for (GroupConfig g : view.groups()) {
      GroupState s = lg(g.name()).state();
      if (s == GroupState.ONLINE || s == GroupState.STARTING) {
        deactivate(g.name(), null, 0, "isolated: no network partition target reachable");
      }
    }
  }

  private void start(StartRequested e) {
    Optional<GroupConfig> g = known(e.group());
    if (g.isEmpty()) {
      return;
    }
    Optional<String> holder = holderIncludingSelf(e.group());
    if (holder.isPresent()) {
      reject(e.group(), "group " + e.group() + " is already active on " + holder.get());
      return;
    }
    Optional<String> taker = takingOver(g.get());
    if (taker.isPresent()) {
      actions.add(new Forward(e.group(), taker.get(), e, takingOverReason(g.get(), taker.get(), "start")));
      return;
    }
    Optional<String> target = e.server() == null ? view.firstLive(g.get(), null) : Optional.of(e.server());
    if (target.isEmpty() || !canRun(g.get(), target.get())) {
      reject(e.group(), "no live startup server to start " + e.group() + (e.server() == null ? "" : " on " + e.server()));
    } else if (target.get().equals(view.self())) {
      local.put(e.group(), lg(e.group()).withFailovers(0));
      activate(e.group(), 0, "started by " + e.user());
    } else {
      actions.add(new Forward(e.group(), target.get(), e, "start runs on " + target.get()));
    }
  }

  private void stop(StopRequested e) {
    if (known(e.group()).isEmpty()) {
      return;
    }
    LocalGroup mine = lg(e.group());
    switch (mine.state()) {
      case ONLINE, ERROR -> deactivate(e.group(), null, 0, "stopped by " + e.user());
      case STARTING, STOPPING -> reject(e.group(), "group " + e.group() + " is " + mine.state().label() + "; try again when it settles");
      case OFFLINE -> view.peerHolder(e.group(), null).ifPresentOrElse(
          owner -> actions.add(new Forward(e.group(), owner, e, "stop runs on the owner " + owner)),
          () -> reject(e.group(), "group " + e.group() + " is already offline"));
    }
  }

  /** Moves to {@code server}, or without one to the next live startup server after the owner. */
  private void move(MoveRequested e) {
    Optional<GroupConfig> g = known(e.group());
    if (g.isEmpty()) {
      return;
    }
    if (e.server() != null && !canRun(g.get(), e.server())) {
      reject(e.group(), "cannot move " + e.group() + " to " + e.server() + ": not a live startup server of the group");
      return;
    }
    LocalGroup mine = lg(e.group());
    Optional<String> peer = view.peerHolder(e.group(), null);
    Optional<String> taker = takingOver(g.get());
    if (mine.state() == GroupState.ONLINE) {
      String to = e.server() != null ? e.server() : view.firstLive(g.get(), view.self()).orElse(null);
      if (to == null) {
        reject(e.group(), "cannot move " + e.group() + ": no other live startup server");
      } else if (to.equals(view.self())) {
        reject(e.group(), "group " + e.group() + " is already active on " + to);
      } else {
        deactivate(e.group(), to, 0, "moved to " + to + " by " + e.user());
      }
    } else if (mine.state().holds()) {
      reject(e.group(), "group " + e.group() + " is " + mine.state().label() + "; try again when it settles");
    } else if (peer.isPresent()) {
      actions.add(new Forward(e.group(), peer.get(), e, "move runs on the owner " + peer.get()));
    } else if (taker.isPresent()) {
      actions.add(new Forward(e.group(), taker.get(), e, takingOverReason(g.get(), taker.get(), "move")));
    } else {
      start(new StartRequested(e.group(), e.server(), e.user()));
    }
  }

  /**
   * The live server that takes the group over from a holder that went down, when that is another
   * server: the newest known activation is on a down server and someone else is designated. Its
   * new claim may just not have reached this server yet (heartbeats lag the status the operator
   * reads); starting the group here now would activate the same epoch it does. A request that
   * meets such a view goes to that server, whose view of its own group is current.
   */
  private Optional<String> takingOver(GroupConfig g) {
    if (deadNewestHolder(g.name()).isEmpty()) {
      return Optional.empty();
    }
    return view.firstLive(g, null).filter(s -> !s.equals(view.self()));
  }

  private String takingOverReason(GroupConfig g, String taker, String what) {
    return what + " runs on " + taker + ", which takes " + g.name() + " over from "
        + deadNewestHolder(g.name()).orElse("?");
  }

  private void handoff(HandoffReceived e) {
    if (known(e.group()).isEmpty()) {
      return;
    }
    // A claim that would yield to the sender's activation is one the sender already superseded.
    Optional<String> other = view.standingHolder(e.group(), e.from(), e.epoch());
    LocalGroup mine = lg(e.group());
    if (mine.state() == GroupState.STOPPING && mine.handoffTo() == null) {
      // Yielding or stopping with nowhere to go: refusing would leave the group offline
      // everywhere, so take it over once this deactivation is done (see deactivated()).
      local.put(e.group(), mine.withHandoff(view.self()).withFailovers(e.failovers())
          .withEpoch(Math.max(mine.epoch(), e.epoch())));
      alert(Severity.INFO, e.group(), "handoff of " + e.group() + " from " + e.from()
          + " accepted; it starts here once its deactivation on " + view.self() + " is done");
    } else if (mine.state() == GroupState.ONLINE || mine.state() == GroupState.STARTING) {
      // The sender's activation is over. Its claim may still be on its way here; taking the
      // epoch after the handoff's keeps this copy from yielding to that stale claim.
      local.put(e.group(), mine.withEpoch(Math.max(mine.epoch(), e.epoch() + 1)));
      reject(e.group(), "handoff of " + e.group() + " from " + e.from() + " ignored: already held here");
    } else if (mine.state().holds()) {
      reject(e.group(), "handoff of " + e.group() + " from " + e.from() + " ignored: already held here");
    } else if (pendingHandoff(e.group()) != null && e.epoch() < mine.epoch()) {
      // this server ran the group after that handoff's activation and has handed it on since
      alert(Severity.WARNING, e.group(), "handoff of " + e.group() + " from " + e.from() + " (epoch " + e.epoch()
          + ") ignored: superseded by this server's handoff to " + mine.handoffTo() + " (epoch " + mine.epoch() + ")");
    } else if (other.isPresent()) {
      alert(Severity.WARNING, e.group(), "handoff of " + e.group() + " from " + e.from()
          + " refused: " + other.get() + " still holds it");
    } else {
      local.put(e.group(), lg(e.group()).withFailovers(e.failovers()).withEpoch(Math.max(lg(e.group()).epoch(), e.epoch())));
      activate(e.group(), e.epoch(), e.reason());
    }
  }

  private void activated(String group) {
    if (lateResult(group, "activation")) {
      return;
    }
    local.put(group, lg(group).to(GroupState.ONLINE).withError(""));
    alert(Severity.INFO, group, "group " + group + " is online on " + view.self());
  }

  private void activationFailed(ActivationFailed e) {
    if (lateResult(e.group(), "failed activation")) {
      return;
    }
    LocalGroup mine = lg(e.group()).to(GroupState.STOPPING).to(GroupState.OFFLINE);
    String error = "activation of " + e.resource() + " failed (" + e.code() + ": " + e.message() + ")";
    local.put(e.group(), mine.withError(error));
    Optional<String> next = view.group(e.group()).flatMap(g -> view.firstLive(g, view.self()));
    if (mine.failovers() < e.failovers() && next.isPresent()) {
      local.put(e.group(), mine.withError(error).withFailovers(mine.failovers() + 1).withHandoff(next.get()));
      actions.add(new Handoff(e.group(), next.get(), mine.epoch(), mine.failovers() + 1,
          "fail over to " + next.get() + ": " + error + " on " + view.self()));
    } else {
      finalAction(e.group(), e.finalAction(), error + "; no failover left");
    }
  }

  /**
   * An activation result that arrives after the decider already asked to stop the group (a yield,
   * isolation): the runner finishes the activation before it deactivates, so the result is old
   * news and the stop goes on.
   */
  private boolean lateResult(String group, String what) {
    GroupState s = lg(group).state();
    if (s == GroupState.STARTING) {
      return false;
    }
    alert(Severity.INFO, group, what + " of " + group + " finished while it is " + s.label() + "; result ignored");
    return true;
  }

  private void deactivated(String group) {
    LocalGroup mine = lg(group).to(GroupState.OFFLINE);
    local.put(group, mine.withHandoff(null));
    if (mine.handoffTo() == null) {
      alert(Severity.INFO, group, "group " + group + " is offline on " + view.self());
      return;
    }
    if (mine.handoffTo().equals(view.self())) {
      takeOverAfterStop(group, mine);
      return;
    }
    String to = view.live().contains(mine.handoffTo()) ? mine.handoffTo()
        : view.group(group).flatMap(g -> view.firstLive(g, view.self())).orElse(null);
    if (to == null) {
      alert(Severity.ERROR, group, "group " + group + " stopped for a move to " + mine.handoffTo()
          + ", but no live server can take it");
    } else {
      local.put(group, lg(group).withHandoff(to)); // pending until the target's claim shows up
      actions.add(new Handoff(group, to, mine.epoch(), mine.failovers(), "hand over from " + view.self()));
    }
  }

  /**
   * The handoff accepted while stopping. Its sender's claim may still say it holds the group, and
   * claims from before the handoff are older activations that yield to this one; only a claim
   * newer than the handoff means someone else took the group meanwhile.
   */
  private void takeOverAfterStop(String group, LocalGroup mine) {
    Optional<String> newer = view.standingHolder(group, null, mine.epoch());
    if (newer.isPresent()) {
      alert(Severity.WARNING, group, "handoff of " + group + " dropped: " + newer.get() + " still holds it");
    } else {
      activate(group, mine.epoch(), "take over " + group + " on " + view.self() + " now that its deactivation here is done");
    }
  }

  private void deactivationFailed(DeactivationFailed e) {
    String error = "deactivation of " + e.resource() + " failed (" + e.code() + ": " + e.message() + ")";
    local.put(e.group(), lg(e.group()).to(GroupState.ERROR).withHandoff(null).withError(error));
    if (e.finalAction() == FinalAction.STOP_GROUP) {
      // Stopping is what just failed: running it again at once would loop for as long as the
      // resource refuses to go down. An operator stop retries it.
      alert(Severity.ERROR, e.group(), error + "; final action: stop group, which is what failed: "
          + e.group() + " stays in error on " + view.self() + " until an operator stops it");
      return;
    }
    finalAction(e.group(), e.finalAction(), error);
  }

  private void failover(String group, String reason, int failovers) {
    Optional<String> next = view.group(group).flatMap(g -> view.firstLive(g, view.self()));
    if (lg(group).state() != GroupState.ONLINE) {
      reject(group, "cannot fail over " + group + ": it is not online here");
    } else if (next.isEmpty()) {
      reject(group, "cannot fail over " + group + ": no other live startup server");
    } else {
      deactivate(group, next.get(), failovers, "fail over to " + next.get() + ": " + reason);
    }
  }

  private void finalAction(String group, FinalAction action, String why) {
    switch (action) {
      case NONE -> alert(Severity.ERROR, group, why + "; final action: none");
      case STOP_GROUP -> {
        alert(Severity.ERROR, group, why + "; final action: stop group");
        if (lg(group).state() == GroupState.ONLINE || lg(group).state() == GroupState.ERROR) {
          deactivate(group, null, lg(group).failovers(), "final action after: " + why);
        }
      }
      case STOP_CLUSTER_SERVICE -> actions.add(new StopClusterService("final action after: " + why));
    }
  }

  /**
   * Activates at an epoch after every one known. While a handoff from this server is pending, the
   * epoch after the handoff's is its target's, which may be activating it right now: this server
   * then starts one later, so the two activations never share an epoch and the newer one stays.
   */
  private void activate(String group, long atLeastEpoch, String reason) {
    long floor = pendingHandoff(group) == null ? atLeastEpoch : Math.max(atLeastEpoch, lg(group).epoch() + 1);
    long epoch = Math.max(view.knownEpoch(group), floor) + 1;
    local.put(group, lg(group).to(GroupState.STARTING).withEpoch(epoch).withHandoff(null));
    actions.add(new Activate(group, epoch, reason));
  }

  private void deactivate(String group, String handoffTo, int failovers, String reason) {
    local.put(group, lg(group).to(GroupState.STOPPING).withHandoff(handoffTo).withFailovers(failovers));
    actions.add(new Deactivate(group, handoffTo, failovers, reason));
  }

  private boolean isDesignated(GroupConfig g) {
    return view.firstLive(g, null).filter(view.self()::equals).isPresent();
  }

  private boolean canRun(GroupConfig g, String server) {
    return g.startupServers().contains(server) && view.live().contains(server);
  }

  private Optional<String> holderIncludingSelf(String group) {
    return lg(group).state().holds() ? Optional.of(view.self()) : view.peerHolder(group, null);
  }

  private Optional<GroupConfig> known(String group) {
    Optional<GroupConfig> g = view.group(group);
    if (g.isEmpty()) {
      reject(group, "unknown group " + group);
    }
    return g;
  }

  private LocalGroup lg(String group) {
    return local.getOrDefault(group, LocalGroup.INITIAL);
  }

  private void reject(String group, String reason) {
    actions.add(new Reject(group, reason));
  }

  private void alert(Severity s, String group, String reason) {
    actions.add(new Alert(s, group, reason));
  }
}
