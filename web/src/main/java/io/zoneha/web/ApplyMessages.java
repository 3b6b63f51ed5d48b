package io.zoneha.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The configuration apply protocol between the coordinating node (the one that received
 * POST /api/v1/config/apply) and every server, sent sealed to {@code Addresses.nodeConfig(server)}:
 * PREPARE (validate and stage), then COMMIT (install and reload) on all of them, or ABORT (drop the
 * staged file) on all of them. {@code version} is the new file's fingerprint.
 */
final class ApplyMessages {
  private ApplyMessages() {}

  static final String PHASE = "phase";
  static final String VERSION = "version";
  static final String BASE = "base";
  static final String TEXT = "text";
  static final String USER = "user";
  static final String ORDER = "restartOrder";
  static final String OK = "ok";
  static final String MESSAGE = "message";

  enum Phase {
    PREPARE("prepare"), COMMIT("commit"), ABORT("abort");

    final String wire;

    Phase(String wire) {
      this.wire = wire;
    }

    static Phase of(String wire) {
      for (Phase p : values()) {
        if (p.wire.equals(wire)) {
          return p;
        }
      }
      throw new IllegalArgumentException("phase: unknown '" + wire + "'");
    }
  }

  /**
   * One step for one server; {@code text} only in PREPARE; {@code restartOrder} only in COMMIT:
   * the order in which servers restart their cluster service when the plan is a rolling restart.
   */
  record Step(Phase phase, String version, String base, String text, String user, List<String> restartOrder) {
    Step {
      restartOrder = restartOrder == null ? List.of() : List.copyOf(restartOrder);
    }

    Step(Phase phase, String version, String base, String text, String user) {
      this(phase, version, base, text, user, List.of());
    }

    JsonObject toJson() {
      return new JsonObject().put(PHASE, phase.wire).put(VERSION, version).put(BASE, base).put(TEXT, text)
          .put(USER, user).put(ORDER, new JsonArray(restartOrder));
    }

    static Step fromJson(JsonObject j) {
      JsonArray order = j.getJsonArray(ORDER, new JsonArray());
      return new Step(Phase.of(j.getString(PHASE)), j.getString(VERSION), j.getString(BASE), j.getString(TEXT),
          j.getString(USER), order.stream().map(String::valueOf).toList());
    }
  }

  /** A server's answer to a step. */
  record Answer(boolean ok, String message) {
    JsonObject toJson() {
      return new JsonObject().put(OK, ok).put(MESSAGE, message);
    }

    static Answer fromJson(JsonObject j) {
      return new Answer(j.getBoolean(OK, false), j.getString(MESSAGE, ""));
    }
  }
}
