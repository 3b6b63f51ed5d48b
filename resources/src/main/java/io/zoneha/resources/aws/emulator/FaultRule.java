package io.zoneha.resources.aws.emulator;

import io.vertx.core.json.JsonObject;

/**
 * One injected fault. {@code action} is an API operation name ({@code ReplaceRoute},
 * {@code ChangeResourceRecordSets}) or {@code *}. A rule adds {@code latencyMs} to every call it
 * matches and fails a share {@code errorRate} (0..1) of them with {@code errorCode}; the code
 * {@code Throttle} stands for each service's own throttling code (EC2 RequestLimitExceeded,
 * Route 53 Throttling). {@code count} limits how many calls the rule hits (-1: no limit).
 */
public record FaultRule(String action, long latencyMs, String errorCode, double errorRate, int count) {
  public FaultRule {
    if (action == null || action.isBlank()) {
      throw new IllegalArgumentException("action: required (an operation name or *)");
    }
    if (latencyMs < 0) {
      throw new IllegalArgumentException("latencyMs: must be >= 0");
    }
    if (errorRate < 0 || errorRate > 1) {
      throw new IllegalArgumentException("errorRate: must be between 0 and 1");
    }
  }

  public static FaultRule latency(String action, long ms) {
    return new FaultRule(action, ms, null, 0, -1);
  }

  public static FaultRule error(String action, String code) {
    return new FaultRule(action, 0, code, 1.0, -1);
  }

  public static FaultRule error(String action, String code, int count) {
    return new FaultRule(action, 0, code, 1.0, count);
  }

  static FaultRule fromJson(JsonObject o) {
    String code = o.getString("errorCode");
    double rate = o.getDouble("errorRate", code == null ? 0.0 : 1.0);
    return new FaultRule(o.getString("action", "*"), o.getLong("latencyMs", 0L), code, rate,
        o.getInteger("count", -1));
  }

  JsonObject toJson() {
    return new JsonObject().put("action", action).put("latencyMs", latencyMs)
        .put("errorCode", errorCode).put("errorRate", errorRate).put("count", count);
  }

  boolean matches(String op) {
    return action.equals("*") || action.equals(op);
  }
}
