package io.zoneha.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import io.zoneha.engine.bus.GroupMessages.Command;
import io.zoneha.engine.bus.GroupMessages.Reply;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ManagementConfig.Role;
import io.zoneha.engine.config.ServerConfig;
import io.zoneha.engine.node.ClusterControlVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST API v1 on the node's management port: status and operations. Every route needs an
 * authenticated caller; operations need the operator role. The CLI uses this same API.
 */
public final class ManagementApiVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(ManagementApiVerticle.class);
  private static final String CALLER = "zoneha.caller";

  private final ClusterConfig config;
  private final ServerConfig self;
  private final ManagementAuth auth;
  private final ClusterSeal seal;
  private HttpServer server;

  public ManagementApiVerticle(ClusterConfig config, String server) {
    this.config = config;
    this.self = config.server(server).orElseThrow();
    this.auth = new ManagementAuth(config.secret(), config.management());
    this.seal = new ClusterSeal(config.secret());
  }

  @Override
  public Future<?> start() {
    Router r = Router.router(vertx);
    r.route("/api/*").handler(BodyHandler.create().setBodyLimit(1 << 20));
    r.route("/api/*").handler(this::authenticate);
    r.get("/api/v1/status").handler(ctx -> status().onSuccess(s -> json(ctx, 200, s)).onFailure(ctx::fail));
    r.post("/api/v1/groups/:name/:op").handler(this::operator).handler(this::groupOp);
    r.post("/api/v1/monitors/:name/:op").handler(this::operator).handler(this::monitorOp);
    r.post("/api/v1/cluster/stop").handler(this::operator).handler(this::clusterStop);
    r.route("/api/*").failureHandler(ctx -> json(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500,
        new JsonObject().put("error", ctx.failure() == null ? "request failed" : ctx.failure().getMessage())));
    server = vertx.createHttpServer(new HttpServerOptions().setHost(self.managementHost()).setPort(self.managementPort()));
    return server.requestHandler(r).listen().onSuccess(s ->
        log.info("management API on http://{}:{}/api/v1", self.managementHost(), s.actualPort()));
  }

  public Future<JsonObject> status() {
    return vertx.eventBus().<JsonObject>request(Addresses.STATUS_QUERY, "").map(m -> m.body());
  }

  private void authenticate(RoutingContext ctx) {
    auth.authenticate(ctx.request().getHeader("Authorization")).ifPresentOrElse(c -> {
      ctx.put(CALLER, c);
      ctx.next();
    }, () -> {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"zoneha\"");
      json(ctx, 401, new JsonObject().put("error", "authentication required"));
    });
  }

  private void operator(RoutingContext ctx) {
    ManagementAuth.Caller c = ctx.get(CALLER);
    if (c.role() != Role.OPERATOR) {
      json(ctx, 403, new JsonObject().put("error", "user " + c.name() + " may only view (role viewer)"));
    } else {
      ctx.next();
    }
  }

  private void groupOp(RoutingContext ctx) {
    String group = ctx.pathParam("name");
    Command.Kind kind;
    try {
      kind = Command.Kind.valueOf(ctx.pathParam("op").toUpperCase());
    } catch (IllegalArgumentException e) {
      json(ctx, 400, new JsonObject().put("error", "op: must be start, stop or move, not '" + ctx.pathParam("op") + "'"));
      return;
    }
    JsonObject body = ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
    String target = body.getString("server");
    if (kind == Command.Kind.MOVE && target == null) {
      json(ctx, 400, new JsonObject().put("error", "server: required for move"));
      return;
    }
    if (config.group(group).isEmpty()) {
      json(ctx, 404, new JsonObject().put("error", "group: no group named '" + group + "'"));
      return;
    }
    ManagementAuth.Caller c = ctx.get(CALLER);
    log.info("{} asks to {} group {}{}", c.name(), kind.name().toLowerCase(), group, target == null ? "" : " on " + target);
    vertx.eventBus().<Reply>request(Addresses.GROUP_COMMAND, new Command(kind, group, target, c.name()))
        .onSuccess(m -> json(ctx, m.body().accepted() ? 202 : 409, m.body().toJson()))
        .onFailure(ctx::fail);
  }

  private void monitorOp(RoutingContext ctx) {
    String monitor = ctx.pathParam("name");
    String op = ctx.pathParam("op");
    if (!op.equals("suspend") && !op.equals("resume")) {
      json(ctx, 400, new JsonObject().put("error", "op: must be suspend or resume, not '" + op + "'"));
      return;
    }
    if (config.monitor(monitor).isEmpty()) {
      json(ctx, 404, new JsonObject().put("error", "monitor: no monitor named '" + monitor + "'"));
      return;
    }
    ManagementAuth.Caller c = ctx.get(CALLER);
    vertx.eventBus().publish(Addresses.CLUSTER_CONTROL,
        seal.seal(ClusterControlVerticle.monitorControl(monitor, op.equals("suspend"), c.name())));
    json(ctx, 202, new Reply(true, op + " of monitor " + monitor + " sent to every server").toJson());
  }

  private void clusterStop(RoutingContext ctx) {
    ManagementAuth.Caller c = ctx.get(CALLER);
    json(ctx, 202, new Reply(true, "stopping the cluster service on every server").toJson());
    vertx.eventBus().publish(Addresses.CLUSTER_CONTROL, seal.seal(ClusterControlVerticle.clusterStop(c.name())));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encodePrettily());
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
