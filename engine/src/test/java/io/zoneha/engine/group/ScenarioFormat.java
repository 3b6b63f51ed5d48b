package io.zoneha.engine.group;

import static io.zoneha.engine.group.ScenarioLine.quote;

import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.group.GroupAction.Activate;
import io.zoneha.engine.group.GroupAction.Alert;
import io.zoneha.engine.group.GroupAction.Deactivate;
import io.zoneha.engine.group.GroupAction.Forward;
import io.zoneha.engine.group.GroupAction.Handoff;
import io.zoneha.engine.group.GroupAction.Reject;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The words of the scenario language: events, actions, claims and local states, each written and
 * read by one pair of methods so a regenerated file parses back to the same story.
 */
final class ScenarioFormat {
  private ScenarioFormat() {}

  static GroupEvent event(ScenarioLine l) {
    String kind = l.word(0, "event kind");
    return switch (kind) {
      case "startupComplete" -> new StartupComplete();
      case "claimsChanged" -> new ClaimsChanged();
      case "isolated" -> new Isolated();
      case "peerDown" -> new PeerDown(l.word(1, "server"), lastClaims(l));
      case "start" -> new StartRequested(l.word(1, "group"), l.getOr("on", null), l.get("by"));
      case "stop" -> new StopRequested(l.word(1, "group"), l.get("by"));
      case "move" -> new MoveRequested(l.word(1, "group"), l.getOr("to", null), l.get("by"));
      case "handoff" -> new HandoffReceived(l.word(1, "group"), l.get("from"), l.getInt("epoch"),
          l.getInt("failovers"), l.get("reason"));
      case "activated" -> new ActivationSucceeded(l.word(1, "group"));
      case "activationFailed" -> new ActivationFailed(l.word(1, "group"), l.get("resource"),
          l.getInt("code"), l.get("message"), l.getInt("failovers"), finalAction(l));
      case "deactivated" -> new DeactivationSucceeded(l.word(1, "group"));
      case "deactivationFailed" -> new DeactivationFailed(l.word(1, "group"), l.get("resource"),
          l.getInt("code"), l.get("message"), finalAction(l));
      case "failoverRequested" -> new FailoverRequested(l.word(1, "group"), l.get("reason"));
      default -> throw l.bad("unknown event " + kind);
    };
  }

  private static FinalAction finalAction(ScenarioLine l) {
    try {
      return FinalAction.fromYaml(l.get("final"));
    } catch (IllegalArgumentException e) {
      throw l.bad("final must be none, stopGroup or stopClusterService, got " + l.get("final"));
    }
  }

  /** {@code peerDown node2 failover1=online@3}: the claims the dead server last sent. */
  private static Map<String, Claim> lastClaims(ScenarioLine l) {
    Map<String, Claim> claims = new LinkedHashMap<>();
    l.pairs.forEach((group, v) -> {
      String[] p = v.split("@");
      if (p.length != 2) {
        throw l.bad("last claim of " + group + " must be state@epoch, got " + v);
      }
      claims.put(group, new Claim(state(p[0], l), Long.parseLong(p[1])));
    });
    return claims;
  }

  static String event(GroupEvent event) {
    if (event instanceof StartRequested e) {
      return "start " + e.group() + (e.server() == null ? "" : " on=" + e.server()) + " by=" + e.user();
    } else if (event instanceof StopRequested e) {
      return "stop " + e.group() + " by=" + e.user();
    } else if (event instanceof MoveRequested e) {
      return "move " + e.group() + (e.server() == null ? "" : " to=" + e.server()) + " by=" + e.user();
    }
    // Only operator requests are ever forwarded, so only they need writing back.
    throw new IllegalArgumentException("no text form for " + event);
  }

  static String action(GroupAction action) {
    if (action instanceof Activate a) {
      return "activate " + a.group() + " epoch=" + a.epoch() + " reason=" + quote(a.reason());
    } else if (action instanceof Deactivate a) {
      return "deactivate " + a.group() + (a.handoffTo() == null ? "" : " handoff=" + a.handoffTo())
          + " failovers=" + a.failovers() + " reason=" + quote(a.reason());
    } else if (action instanceof Handoff a) {
      return "handoff " + a.group() + " to=" + a.to() + " epoch=" + a.epoch() + " failovers=" + a.failovers()
          + " reason=" + quote(a.reason());
    } else if (action instanceof Forward a) {
      return "forward " + a.group() + " to=" + a.to() + " request=" + quote(event(a.request()))
          + " reason=" + quote(a.reason());
    } else if (action instanceof Reject a) {
      return "reject " + a.group() + " reason=" + quote(a.reason());
    } else if (action instanceof Alert a) {
      return "alert " + a.severity().name().toLowerCase(Locale.ROOT) + " " + a.group() + " reason=" + quote(a.reason());
    } else if (action instanceof StopClusterService a) {
      return "stopClusterService reason=" + quote(a.reason());
    }
    throw new IllegalArgumentException("no text form for " + action);
  }

  /** {@code local failover1 online epoch=3 failovers=1 handoff=node2 error="..."}. */
  static String local(String group, LocalGroup g) {
    return "local " + group + " " + g.state().label() + " epoch=" + g.epoch()
        + (g.failovers() == 0 ? "" : " failovers=" + g.failovers())
        + (g.handoffTo() == null ? "" : " handoff=" + g.handoffTo())
        + (g.lastError().isEmpty() ? "" : " error=" + quote(g.lastError()));
  }

  static LocalGroup local(ScenarioLine l) {
    return new LocalGroup(state(l.word(2, "state"), l), l.getInt("epoch"), l.getIntOr("failovers", 0),
        l.getOr("handoff", null), l.getOr("error", ""));
  }

  /** {@code claim node2 failover1 online epoch=3}. */
  static Claim claim(ScenarioLine l) {
    return new Claim(state(l.word(3, "state"), l), l.getInt("epoch"));
  }

  static GroupState state(String label, ScenarioLine l) {
    for (GroupState s : GroupState.values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw l.bad("unknown group state " + label);
  }
}
