package io.zoneha.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small helpers for JSON replies and for reading request bodies with errors that name the field. */
final class Http {
  private Http() {}

  /** A client error whose message starts with the field that is wrong. */
  static final class BadInput extends RuntimeException {
    BadInput(String field, String problem) {
      super(field + ": " + problem);
    }
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store").end(body.encodePrettily());
  }

  static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, new JsonObject().put("error", message));
  }

  /** The body as a JSON object; an empty body is an empty object. */
  static JsonObject jsonBody(RoutingContext ctx) {
    String raw = ctx.body() == null ? null : ctx.body().asString();
    String text = raw == null ? "" : raw.strip();
    if (text.isEmpty()) {
      return new JsonObject();
    }
    if (!text.startsWith("{")) {
      throw new BadInput("body", "must be a JSON object");
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new BadInput("body", "not valid JSON (" + firstLine(e.getMessage()) + ")");
    }
  }

  /** A required, non-blank string field of a JSON body. */
  static String requiredString(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      throw new BadInput(field, "required");
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new BadInput(field, "must be a non-empty string");
    }
    return s;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
