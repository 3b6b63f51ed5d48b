package io.zoneha.web;

import io.vertx.core.json.JsonObject;

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

  /** One step for one server; {@code text} only in PREPARE. */
  record Step(Phase phase, String version, String base, String text, String user) {
    JsonObject toJson() {
      return new JsonObject().put(PHASE, phase.wire).put(VERSION, version).put(BASE, base).put(TEXT, text)
          .put(USER, user);
    }

    static Step fromJson(JsonObject j) {
      return new Step(Phase.of(j.getString(PHASE)), j.getString(VERSION), j.getString(BASE), j.getString(TEXT),
          j.getString(USER));
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
