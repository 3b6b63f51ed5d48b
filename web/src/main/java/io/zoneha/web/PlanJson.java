package io.zoneha.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zoneha.engine.apply.ApplyImpact;
import io.zoneha.engine.apply.ApplyPlan;
import io.zoneha.engine.apply.ConfigChange;
import io.zoneha.engine.apply.ConfigDiff;
import io.zoneha.engine.config.ClusterConfig;
import java.util.List;

/** The JSON shape of an apply plan, in the validate and apply answers (docs/api.md). */
final class PlanJson {
  private PlanJson() {}

  /** What applying {@code next} over {@code running} takes; unknown (null) means a restart of every server. */
  static ApplyPlan plan(ClusterConfig running, ClusterConfig next) {
    if (next == null) {
      return new ApplyPlan(ApplyImpact.ALL_AT_ONCE, List.of(), List.of(), true, List.of(new ConfigChange(
          ApplyImpact.ALL_AT_ONCE, "*", "this server's validator did not say what changed; assuming the worst")));
    }
    return ConfigDiff.classify(running, next);
  }

  static JsonObject toJson(ApplyPlan p, List<String> restartOrder) {
    JsonObject j = new JsonObject().put("impact", p.impact().wire()).put("summary", p.summary())
        .put("restartsClusterService", p.restartsClusterService())
        .put("restartGroups", new JsonArray(p.restartGroups())).put("restartMonitors", new JsonArray(p.restartMonitors()))
        .put("endsSessions", p.dropSessions())
        .put("changes", new JsonArray(p.changes().stream().map(c -> new JsonObject().put("path", c.path())
            .put("impact", c.impact().wire()).put("what", c.what())).toList()));
    if (p.impact() == ApplyImpact.ROLLING && restartOrder != null && !restartOrder.isEmpty()) {
      j.put("restartOrder", new JsonArray(restartOrder));
    }
    return j;
  }
}
