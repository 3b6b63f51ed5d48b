package io.zoneha.engine.group;

import java.util.List;
import java.util.Map;

/** The decider's answer: this server's groups after the event, and the actions to run. */
public record GroupDecision(Map<String, LocalGroup> local, List<GroupAction> actions) {
  public GroupDecision {
    local = Map.copyOf(local);
    actions = List.copyOf(actions);
  }
}
