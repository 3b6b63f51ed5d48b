package io.zoneha.engine.group;

/** What the group manager must do. Every action carries the reason an operator will read. */
public sealed interface GroupAction {
  String reason();

  record Activate(String group, long epoch, String reason) implements GroupAction {}

  /** Deactivate locally; afterwards, when {@code handoffTo} is set, ask that server to take over. */
  record Deactivate(String group, String handoffTo, int failovers, String reason) implements GroupAction {}

  /** Ask another server to activate a group this server has released (or never held). */
  record Handoff(String group, String to, long epoch, int failovers, String reason) implements GroupAction {}

  /** The request belongs to another server (the owner); send it there. */
  record Forward(String group, String to, GroupEvent request, String reason) implements GroupAction {}

  /** Refuse an operator request, saying why. */
  record Reject(String group, String reason) implements GroupAction {}

  record Alert(Severity severity, String group, String reason) implements GroupAction {}

  /** The final action "stop cluster service": stop every group here and leave the cluster. */
  record StopClusterService(String reason) implements GroupAction {}

  enum Severity { INFO, WARNING, ERROR }
}
