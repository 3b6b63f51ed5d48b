package io.zoneha.engine.bus;

import io.vertx.core.json.JsonObject;
import io.zoneha.engine.spi.ResourceOperation;
import java.util.LinkedHashMap;
import java.util.Map;

/** Resource operations sent to the node(s) running a resource, and their answers (sealed JSON). */
public final class ResourceMessages {
  private ResourceMessages() {}

  /** Asks one node to run {@code op} on its driver of {@code resource} in {@code group}. */
  public record Request(String group, String resource, String op, Map<String, String> args, String user) {
    public Request {
      args = Map.copyOf(args);
    }

    public ResourceOperation operation() {
      return new ResourceOperation(op, args, user);
    }

    public JsonObject toJson() {
      return new JsonObject().put("type", "resource-op").put("group", group).put("resource", resource).put("op", op)
          .put("args", new JsonObject(new LinkedHashMap<>(args))).put("user", user);
    }

    public static Request fromJson(JsonObject j) {
      Map<String, String> args = new LinkedHashMap<>();
      JsonObject a = j.getJsonObject("args", new JsonObject());
      a.fieldNames().forEach(k -> args.put(k, String.valueOf(a.getValue(k))));
      return new Request(j.getString("group"), j.getString("resource"), j.getString("op"), args, j.getString("user"));
    }
  }

  /** One node's answer; {@code code} is the catalogue number when {@code ok} is false. */
  public record Answer(String server, boolean ok, int code, String message, JsonObject data) {
    public JsonObject toJson() {
      return new JsonObject().put("server", server).put("ok", ok).put("code", code).put("message", message)
          .put("data", data == null ? new JsonObject() : data);
    }

    public static Answer fromJson(JsonObject j) {
      return new Answer(j.getString("server"), j.getBoolean("ok", false), j.getInteger("code", 0),
          j.getString("message", ""), j.getJsonObject("data", new JsonObject()));
    }
  }
}
