package io.zoneha.engine.bus;

import io.vertx.core.json.JsonObject;
import io.zoneha.engine.group.Claim;
import java.util.Map;

/** Messages to and from the group manager. */
public final class GroupMessages {
  private GroupMessages() {}

  /** An operator (or another node forwarding one) asks for a group operation. */
  public record Command(Kind kind, String group, String server, String user) {
    public enum Kind { START, STOP, MOVE }

    public JsonObject toJson() {
      return new JsonObject().put("type", "command").put("kind", kind.name()).put("group", group)
          .put("server", server).put("user", user);
    }

    public static Command fromJson(JsonObject j) {
      return new Command(Kind.valueOf(j.getString("kind")), j.getString("group"), j.getString("server"), j.getString("user"));
    }
  }

  /** Another node released a group and asks the addressed node to activate it. */
  public record Handoff(String group, String from, long epoch, int failovers, String reason) {
    public JsonObject toJson() {
      return new JsonObject().put("type", "handoff").put("group", group).put("from", from)
          .put("epoch", epoch).put("failovers", failovers).put("reason", reason);
    }

    public static Handoff fromJson(JsonObject j) {
      return new Handoff(j.getString("group"), j.getString("from"), j.getLong("epoch"),
          j.getInteger("failovers"), j.getString("reason"));
    }
  }

  /** The answer to a command: accepted (the work may still be running) or refused with a reason. */
  public record Reply(boolean accepted, String message) {
    public JsonObject toJson() {
      return new JsonObject().put("accepted", accepted).put("message", message);
    }

    public static Reply fromJson(JsonObject j) {
      return new Reply(j.getBoolean("accepted"), j.getString("message"));
    }
  }

  /** This node's claims, for its heartbeats. */
  public record LocalClaims(Map<String, Claim> claims) {}

  /** A monitor's recovery step, for the group manager to carry out. */
  public record Recovery(Step step, String group, String resource, String reason) {
    public enum Step { REACTIVATE_RESOURCE, REACTIVATE_GROUP, FAILOVER_GROUP, STOP_GROUP, STOP_CLUSTER_SERVICE }
  }
}
