package io.zoneha.engine.group;

import io.zoneha.engine.config.FinalAction;
import java.util.Map;

/** Everything that can make the group manager act. Sealed, so the decider's switch is exhaustive. */
public sealed interface GroupEvent {

  /** Every server has been seen, or the startup wait is over: auto-start groups may start. */
  record StartupComplete() implements GroupEvent {}

  /** A peer's heartbeats stopped on every interconnect and NP resolution says we are not isolated. */
  record PeerDown(String server, Map<String, Claim> lastClaims) implements GroupEvent {}

  /** Some peer's claims changed, or a peer came back: check for double activation and failback. */
  record ClaimsChanged() implements GroupEvent {}

  /** NP resolution reached no target: this node is cut off and must stop its groups. */
  record Isolated() implements GroupEvent {}

  record StartRequested(String group, String server, String user) implements GroupEvent {}

  record StopRequested(String group, String user) implements GroupEvent {}

  record MoveRequested(String group, String server, String user) implements GroupEvent {}

  /** A peer released a group and asks this server to take it over. */
  record HandoffReceived(String group, String from, long epoch, int failovers, String reason)
      implements GroupEvent {}

  record ActivationSucceeded(String group) implements GroupEvent {}

  /** Activation failed after the resource's retries; the runner has already rolled back. */
  record ActivationFailed(String group, String resource, int code, String message, int failovers,
      FinalAction finalAction) implements GroupEvent {}

  record DeactivationSucceeded(String group) implements GroupEvent {}

  record DeactivationFailed(String group, String resource, int code, String message,
      FinalAction finalAction) implements GroupEvent {}

  /** A monitor's recovery decided the group must leave this server. */
  record FailoverRequested(String group, String reason) implements GroupEvent {}
}
