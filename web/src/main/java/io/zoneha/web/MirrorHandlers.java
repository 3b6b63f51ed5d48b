package io.zoneha.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import io.zoneha.engine.bus.ResourceMessages.Answer;
import io.zoneha.engine.bus.ResourceMessages.Request;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.ResourceConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The mirror endpoints: GET /api/v1/mirrors (the {@code mirrors} list of the status) and
 * POST /api/v1/mirrors/{name}/{verify|pause|resume|recover}, sent to every server of the md
 * resource's group; each answers for its own copy.
 */
final class MirrorHandlers {
  /** Verify reads the whole disk on both sides: allow it time. */
  private static final long TIMEOUT_MS = 120_000;
  private static final List<String> OPS = List.of("verify", "pause", "resume", "recover");

  private final Vertx vertx;
  private final ClusterConfig config;
  private final ClusterSeal seal;
  private final AuditLog audit;
  private final Supplier<Future<JsonObject>> status;

  MirrorHandlers(Vertx vertx, ClusterConfig config, ClusterSeal seal, AuditLog audit,
      Supplier<Future<JsonObject>> status) {
    this.vertx = vertx;
    this.config = config;
    this.seal = seal;
    this.audit = audit;
    this.status = status;
  }

  void list(RoutingContext ctx) {
    status.get().onSuccess(s -> Http.json(ctx, 200, new JsonObject()
        .put("mirrors", s.getJsonArray("mirrors", new JsonArray())))).onFailure(ctx::fail);
  }

  void operate(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String op = ctx.pathParam("op");
    if (!OPS.contains(op)) {
      throw new Http.BadInput("op", "must be verify, pause, resume or recover, not '" + op + "'");
    }
    JsonObject body = Http.jsonBody(ctx);
    String source = null;
    if (op.equals("recover")) {
      source = Http.requiredString(body, "source");
      if (config.server(source).isEmpty()) {
        throw new Http.BadInput("source", "no server named '" + source + "'");
      }
    }
    Optional<GroupConfig> group = groupOf(name);
    if (group.isEmpty()) {
      Http.error(ctx, 404, "name: no md resource named '" + name + "'");
      return;
    }
    if (source != null && !group.get().startupServers().contains(source)) {
      throw new Http.BadInput("source", "server '" + source + "' holds no copy of " + name);
    }
    ManagementAuth.Caller c = ctx.get(AuthHandlers.CALLER);
    audit.record(c.name(), op.equals("recover") ? "warning" : "info", group.get().name(),
        op + " mirror " + name + (source == null ? "" : " keeping the copy on " + source));
    Request req = new Request(group.get().name(), name, op, source == null ? Map.of() : Map.of("source", source), c.name());
    List<Future<Answer>> answers = group.get().startupServers().stream().map(s -> ask(s, req)).toList();
    Future.join(answers).onComplete(ar -> respond(ctx, op, name, answers.stream().map(Future::result).toList()));
  }

  private Future<Answer> ask(String server, Request req) {
    return vertx.eventBus().request(Addresses.nodeResources(server), seal.seal(req.toJson()),
            new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .map(m -> Answer.fromJson(seal.open(m.body())))
        .otherwise(e -> new Answer(server, false, 0, "no answer from " + server + ": " + e.getMessage(), new JsonObject()));
  }

  /** 200 when every server did its part (verify: the primary verified); 409 otherwise. */
  private void respond(RoutingContext ctx, String op, String name, List<Answer> answers) {
    boolean allOk = answers.stream().allMatch(Answer::ok);
    boolean verified = answers.stream().anyMatch(a -> a.ok() && !a.data().getBoolean("skipped", false));
    boolean ok = op.equals("verify") ? verified : allOk;
    StringBuilder msg = new StringBuilder();
    for (Answer a : answers) {
      if (op.equals("verify") && a.ok() && a.data().getBoolean("skipped", false)) {
        continue;
      }
      msg.append(msg.length() == 0 ? "" : "; ").append(a.ok() ? "" : a.server() + ": ").append(a.message());
    }
    if (op.equals("verify") && !verified && msg.length() == 0) {
      msg.append("no primary of ").append(name).append(" answered");
    }
    Http.json(ctx, ok ? 200 : 409, new JsonObject().put("accepted", ok).put("message", msg.toString())
        .put("results", new JsonArray(answers.stream().map(Answer::toJson).toList())));
  }

  private Optional<GroupConfig> groupOf(String resource) {
    for (GroupConfig g : config.groups()) {
      for (ResourceConfig r : g.resources()) {
        if (r.name().equals(resource) && r.type().equals("md")) {
          return Optional.of(g);
        }
      }
    }
    return Optional.empty();
  }
}
