package io.zoneha.engine.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * What applying a configuration will do, computed by {@link ConfigDiff} before anything changes.
 * {@code restartGroups} and {@code restartMonitors} matter only below {@link ApplyImpact#ROLLING}
 * (a cluster service restart restarts everything); {@code dropSessions}: the logins changed, so
 * web sessions end.
 */
public record ApplyPlan(ApplyImpact impact, List<String> restartGroups, List<String> restartMonitors,
    boolean dropSessions, List<ConfigChange> changes) {

  public ApplyPlan {
    restartGroups = List.copyOf(restartGroups);
    restartMonitors = List.copyOf(restartMonitors);
    changes = List.copyOf(changes);
    ApplyImpact highest = changes.stream().map(ConfigChange::impact).reduce(ApplyImpact.NONE, ApplyImpact::atLeast);
    if (highest != impact) {
      throw new IllegalArgumentException("plan impact " + impact + " but its changes reach " + highest);
    }
  }

  public boolean restartsClusterService() {
    return impact.restartsClusterService();
  }

  /** One line for the operator, the audit log and the REST answer. */
  public String summary() {
    if (impact.restartsClusterService() || impact == ApplyImpact.NONE) {
      return impact.meaning();
    }
    List<String> parts = new ArrayList<>();
    if (!restartGroups.isEmpty()) {
      parts.add("restarts group" + (restartGroups.size() > 1 ? "s " : " ") + String.join(", ", restartGroups)
          + " where " + (restartGroups.size() > 1 ? "they run" : "it runs"));
    }
    if (!restartMonitors.isEmpty()) {
      parts.add("restarts monitor" + (restartMonitors.size() > 1 ? "s " : " ") + String.join(", ", restartMonitors));
    }
    if (dropSessions) {
      parts.add("web sessions end (logins changed)");
    }
    String rest = restartGroups.isEmpty() ? "; no resource stops" : "; other groups keep running";
    return parts.isEmpty() ? impact.meaning() : String.join("; ", parts) + rest;
  }
}
