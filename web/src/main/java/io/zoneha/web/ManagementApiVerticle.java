package io.zoneha.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import io.zoneha.engine.bus.ConfigMessages;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ManagementConfig;
import io.zoneha.engine.config.ServerConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's management port: REST API v1, the live status WebSocket and the web UI's static
 * files. Every API route except login needs an authenticated caller; operations need the
 * operator role. The CLI uses this same API. See docs/api.md.
 */
public final class ManagementApiVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(ManagementApiVerticle.class);
  private static final int MAX_ALERTS = 1000;
  private static final long SESSION_SWEEP_MS = 60_000;

  /** config, yamlText and auth follow a configuration installed live (see {@link #reconfigure}). */
  private ClusterConfig config;
  private final ServerConfig self;
  private String yamlText;
  private final ConfigCheck check;
  private ManagementAuth auth;
  private final ClusterSeal seal;
  private final SessionStore sessions = new SessionStore();
  private final Apply apply;
  private StatusStream stream;
  private ApplyParticipant participant;
  private AuditLog audit;
  private volatile Router router;
  private HttpServer server;

  /** Without the file's text: GET /api/v1/config answers 404. */
  public ManagementApiVerticle(ClusterConfig config, String server) {
    this(config, server, null, ConfigChecks.loader());
  }

  public ManagementApiVerticle(ClusterConfig config, String server, String yamlText, ConfigCheck check) {
    this(config, server, yamlText, check, null);
  }

  /** Where this node's cluster.yaml lives and how the node restarts with a new one. */
  public record Apply(ConfigStore store, ConfigReloader reloader) {}

  /**
   * @param yamlText the cluster.yaml this node runs (served redacted), or null
   * @param check the validator behind POST /api/v1/config/validate and apply
   * @param apply how this node takes part in POST /api/v1/config/apply; null = it refuses
   */
  public ManagementApiVerticle(ClusterConfig config, String server, String yamlText, ConfigCheck check, Apply apply) {
    this.apply = apply;
    this.config = config;
    this.self = config.server(server).orElseThrow();
    this.yamlText = yamlText;
    this.check = check;
    this.auth = new ManagementAuth(config.secret(), config.management());
    this.seal = new ClusterSeal(config.secret());
  }

  @Override
  public Future<?> start() {
    ManagementConfig.Tls tls = config.management() == null ? null : config.management().tls();
    audit = new AuditLog(vertx, seal, self.name());
    stream = new StatusStream(vertx, this::status);
    stream.start();
    vertx.setPeriodic(SESSION_SWEEP_MS, id -> sessions.expire(System.currentTimeMillis()));
    router = mount(tls != null);
    vertx.eventBus().<ConfigMessages.Installed>localConsumer(Addresses.CONFIG_INSTALLED, m -> reconfigure(m.body()));
    server = vertx.createHttpServer(serverOptions(tls));
    // through the field: a configuration installed live swaps the routes, the port stays open
    return server.requestHandler(req -> router.handle(req)).listen().onSuccess(s -> log.info(
        "management API and web UI on {}://{}:{}/", tls == null ? "http" : "https", self.managementHost(), s.actualPort()));
  }

  /**
   * A configuration was taken live (TLS and the management address are unchanged then, see
   * ConfigDiff): the routes are built again from it, sessions stay unless the logins changed.
   */
  private void reconfigure(ConfigMessages.Installed installed) {
    config = installed.config();
    if (installed.yamlText() != null) {
      yamlText = installed.yamlText();
    }
    auth = new ManagementAuth(config.secret(), config.management());
    if (installed.plan().dropSessions()) {
      sessions.clear().forEach(stream::closeSession);
    }
    router = mount(config.management() != null && config.management().tls() != null);
    log.info("management API follows configuration {}", config.fingerprint());
  }

  private Router mount(boolean tls) {
    AuthHandlers authn = new AuthHandlers(vertx, auth, sessions, audit, tls);
    OperationHandlers ops = new OperationHandlers(vertx, config, seal, audit);
    MirrorHandlers mirrors = new MirrorHandlers(vertx, config, seal, audit, this::status);
    ConfigHandlers cfg = new ConfigHandlers(vertx, config, yamlText, check);
    ApplyCoordinator coordinator = new ApplyCoordinator(vertx, config, seal, check, audit, this::status);
    if (participant != null) {
      participant.stop();
    }
    participant = new ApplyParticipant(vertx, config, self.name(), seal, check,
        apply == null ? null : apply.store(), apply == null ? null : apply.reloader());
    participant.start();

    Router r = Router.router(vertx);
    r.route().handler(ManagementApiVerticle::securityHeaders);
    // the upgrade must not pass the body handler: it has no body to read
    r.get("/api/v1/stream").handler(authn::authenticate).handler(authn::sameOriginForCookies).handler(this::upgrade);
    r.route("/api/*").handler(BodyHandler.create().setBodyLimit(1 << 20));
    r.post("/api/v1/login").handler(authn::login);
    r.route("/api/*").handler(authn::authenticate);
    r.post("/api/v1/logout").handler(ctx -> {
      SessionStore.Session s = ctx.get(AuthHandlers.SESSION);
      if (s != null) {
        stream.closeSession(s.id());
      }
      authn.logout(ctx);
    });
    r.get("/api/v1/session").handler(authn::session);
    r.get("/api/v1/status").handler(ctx -> status().onSuccess(s -> Http.json(ctx, 200, s)).onFailure(ctx::fail));
    r.get("/api/v1/alerts").handler(this::alerts);
    r.get("/api/v1/config").handler(cfg::get);
    r.post("/api/v1/config/validate").handler(cfg::validate);
    r.post("/api/v1/config/apply").handler(authn::requireOperator).handler(coordinator::apply);
    r.post("/api/v1/groups/:name/:op").handler(authn::requireOperator).handler(ops::group);
    r.post("/api/v1/monitors/:name/:op").handler(authn::requireOperator).handler(ops::monitor);
    r.get("/api/v1/mirrors").handler(mirrors::list);
    r.post("/api/v1/mirrors/:name/:op").handler(authn::requireOperator).handler(mirrors::operate);
    r.post("/api/v1/cluster/stop").handler(authn::requireOperator).handler(ops::clusterStop);
    r.route("/api/*").handler(ctx -> Http.error(ctx, 404, "path: no API endpoint " + ctx.request().method()
        + " " + ctx.request().path()));
    r.route("/api/*").failureHandler(ManagementApiVerticle::failure);
    r.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    return r;
  }

  private HttpServerOptions serverOptions(ManagementConfig.Tls tls) {
    HttpServerOptions o = new HttpServerOptions().setHost(self.managementHost()).setPort(self.managementPort());
    if (tls != null) {
      o.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certFile()).setKeyPath(tls.keyFile()));
    }
    return o;
  }

  /** The port actually bound (tests bind port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  public Future<JsonObject> status() {
    return vertx.eventBus().<JsonObject>request(Addresses.STATUS_QUERY, "").map(m -> m.body());
  }

  private void upgrade(RoutingContext ctx) {
    SessionStore.Session s = ctx.get(AuthHandlers.SESSION);
    ctx.request().toWebSocket().onSuccess(ws -> stream.add(ws, s == null ? null : s.id()))
        .onFailure(e -> log.debug("WebSocket upgrade failed: {}", e.getMessage()));
  }

  private void alerts(RoutingContext ctx) {
    String limitParam = ctx.request().getParam("limit");
    int limit = MAX_ALERTS;
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_ALERTS) {
        throw new Http.BadInput("limit", "must be a whole number from 1 to " + MAX_ALERTS + ", not '" + limitParam + "'");
      }
    }
    int n = limit;
    status().onSuccess(s -> {
      List<Object> all = s.getJsonArray("alerts", new JsonArray()).getList();
      Http.json(ctx, 200, new JsonObject().put("alerts", new JsonArray(all.subList(0, Math.min(n, all.size())))));
    }).onFailure(ctx::fail);
  }

  private static void securityHeaders(RoutingContext ctx) {
    ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; object-src 'none'");
    ctx.next();
  }

  private static void failure(RoutingContext ctx) {
    Throwable t = ctx.failure();
    if (t instanceof Http.BadInput) {
      Http.error(ctx, 400, t.getMessage());
    } else if (ctx.statusCode() > 0 && t == null) {
      Http.error(ctx, ctx.statusCode(), "request failed");
    } else {
      log.warn("management API request {} failed", ctx.request().path(), t);
      Http.error(ctx, 500, t == null ? "request failed" : t.getMessage());
    }
  }

  @Override
  public Future<?> stop() {
    if (stream != null) {
      stream.stop();
    }
    if (participant != null) {
      participant.stop();
    }
    return server == null ? Future.succeededFuture() : server.close();
  }
}
