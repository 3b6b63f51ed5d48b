package io.zoneha.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import io.zoneha.engine.bus.GroupMessages.Command;
import io.zoneha.engine.bus.GroupMessages.Reply;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.node.ClusterControlVerticle;

/** Operator actions: start, stop, move groups; suspend, resume monitors; stop the cluster. */
final class OperationHandlers {
  private final Vertx vertx;
  private final ClusterConfig config;
  private final ClusterSeal seal;
  private final AuditLog audit;

  OperationHandlers(Vertx vertx, ClusterConfig config, ClusterSeal seal, AuditLog audit) {
    this.vertx = vertx;
    this.config = config;
    this.seal = seal;
    this.audit = audit;
  }

  void group(RoutingContext ctx) {
    String group = ctx.pathParam("name");
    String op = ctx.pathParam("op");
    Command.Kind kind = switch (op) {
      case "start" -> Command.Kind.START;
      case "stop" -> Command.Kind.STOP;
      case "move" -> Command.Kind.MOVE;
      default -> throw new Http.BadInput("op", "must be start, stop or move, not '" + op + "'");
    };
    JsonObject body = Http.jsonBody(ctx);
    String target = body.getValue("server") == null ? null : Http.requiredString(body, "server");
    if (kind == Command.Kind.MOVE && target == null) {
      throw new Http.BadInput("server", "required for move");
    }
    if (target != null && config.server(target).isEmpty()) {
      throw new Http.BadInput("server", "no server named '" + target + "'");
    }
    if (config.group(group).isEmpty()) {
      Http.error(ctx, 404, "group: no group named '" + group + "'");
      return;
    }
    ManagementAuth.Caller c = ctx.get(AuthHandlers.CALLER);
    audit.record(c.name(), "info", group, op + " group " + group
        + (target == null ? "" : (kind == Command.Kind.MOVE ? " to " : " on ") + target));
    vertx.eventBus().<Reply>request(Addresses.GROUP_COMMAND, new Command(kind, group, target, c.name()))
        .onSuccess(m -> Http.json(ctx, m.body().accepted() ? 202 : 409, m.body().toJson()))
        .onFailure(e -> Http.error(ctx, 503, "the group manager did not answer: " + e.getMessage()));
  }

  void monitor(RoutingContext ctx) {
    String monitor = ctx.pathParam("name");
    String op = ctx.pathParam("op");
    if (!op.equals("suspend") && !op.equals("resume")) {
      throw new Http.BadInput("op", "must be suspend or resume, not '" + op + "'");
    }
    if (config.monitor(monitor).isEmpty()) {
      Http.error(ctx, 404, "monitor: no monitor named '" + monitor + "'");
      return;
    }
    ManagementAuth.Caller c = ctx.get(AuthHandlers.CALLER);
    audit.record(c.name(), "info", null, op + " monitor " + monitor);
    vertx.eventBus().publish(Addresses.CLUSTER_CONTROL,
        seal.seal(ClusterControlVerticle.monitorControl(monitor, op.equals("suspend"), c.name())));
    Http.json(ctx, 202, new Reply(true, op + " of monitor " + monitor + " sent to every server").toJson());
  }

  void clusterStop(RoutingContext ctx) {
    ManagementAuth.Caller c = ctx.get(AuthHandlers.CALLER);
    audit.record(c.name(), "warning", null, "stop the cluster service on every server");
    Http.json(ctx, 202, new Reply(true, "stopping the cluster service on every server").toJson());
    vertx.eventBus().publish(Addresses.CLUSTER_CONTROL, seal.seal(ClusterControlVerticle.clusterStop(c.name())));
  }
}
