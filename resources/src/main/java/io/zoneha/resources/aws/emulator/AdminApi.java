package io.zoneha.resources.aws.emulator;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The JSON admin API under {@code /_admin/}; see the paths in {@link #handle}. Errors come back as
 * {@code 400 {"error": "..."}} naming the bad field.
 */
final class AdminApi {
  private final AwsEmulator emu;

  AdminApi(AwsEmulator emu) {
    this.emu = emu;
  }

  void handle(HttpServerRequest req, String body) {
    String path = req.path().substring("/_admin/".length());
    HttpMethod m = req.method();
    try {
      JsonObject in = body.isBlank() ? new JsonObject() : new JsonObject(body);
      Object out = route(m, path, in, req);
      if (out == null) {
        req.response().setStatusCode(404).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("error", "no admin endpoint " + m + " /_admin/" + path).encode());
        return;
      }
      req.response().putHeader("Content-Type", "application/json").end(
          out instanceof JsonArray a ? a.encodePrettily() : ((JsonObject) out).encodePrettily());
    } catch (RuntimeException e) {
      req.response().setStatusCode(400).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", String.valueOf(e.getMessage())).encode());
    }
  }

  private Object route(HttpMethod m, String path, JsonObject in, HttpServerRequest req) {
    boolean get = m == HttpMethod.GET;
    boolean post = m == HttpMethod.POST || m == HttpMethod.PUT;
    boolean delete = m == HttpMethod.DELETE;
    switch (path) {
      case "state":
        return get ? emu.stateJson() : null;
      case "calls":
        if (delete) {
          emu.calls.clear();
          return ok();
        }
        long since = Long.parseLong(req.getParam("since", "0"));
        return get ? emu.calls.toJson(since, Boolean.parseBoolean(req.getParam("all", "false"))) : null;
      case "faults":
        if (get) {
          return emu.faults.toJson();
        }
        if (delete) {
          emu.clearFaults();
          return ok();
        }
        if (post) {
          emu.addFault(FaultRule.fromJson(in));
          return ok();
        }
        return null;
      default:
        return post ? change(path, in) : null;
    }
  }

  private Object change(String path, JsonObject in) {
    switch (path) {
      case "ratelimit" -> emu.rateLimit(service(in), in.getInteger("perSecond", 0));
      case "seed" -> emu.faults.seed(in.getLong("seed", 42L));
      case "route53" -> emu.setChangeInsyncDelayMs(in.getLong("changeInsyncDelayMs", 200L));
      case "az" -> emu.setAzState(need(in, "zone"), need(in, "state"), strings(in.getJsonArray("messages")));
      case "route" -> {
        if (in.getBoolean("delete", false)) {
          emu.actorDeleteRoute(need(in, "routeTableId"), need(in, "destination"));
        } else {
          emu.actorSetRoute(need(in, "routeTableId"), need(in, "destination"), need(in, "networkInterfaceId"));
        }
      }
      case "eip" -> emu.actorMoveEip(need(in, "allocationId"), in.getString("networkInterfaceId"));
      case "record" -> emu.actorSetRecord(need(in, "hostedZoneId"), need(in, "name"),
          in.getLong("ttl", 300L), in.getBoolean("delete", false) ? List.of() : strings(in.getJsonArray("values")));
      default -> {
        return null;
      }
    }
    return ok();
  }

  private static boolean service(JsonObject in) {
    String s = need(in, "service");
    return switch (s) {
      case "route53" -> true;
      case "ec2" -> false;
      default -> throw new IllegalArgumentException("service: ec2 or route53, not '" + s + "'");
    };
  }

  private static String need(JsonObject in, String key) {
    String v = in.getString(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + ": required");
    }
    return v;
  }

  private static List<String> strings(JsonArray a) {
    return a == null ? List.of() : a.stream().map(String::valueOf).toList();
  }

  private static JsonObject ok() {
    return new JsonObject().put("ok", true);
  }
}
