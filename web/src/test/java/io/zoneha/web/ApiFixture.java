package io.zoneha.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import io.zoneha.engine.bus.GroupMessages.Command;
import io.zoneha.engine.bus.GroupMessages.Reply;
import io.zoneha.engine.bus.LocalCodec;
import io.zoneha.engine.config.AwsConfig;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.HeartbeatConfig;
import io.zoneha.engine.config.ManagementConfig;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A management API on a non-clustered Vert.x with stand-ins for the engine: a status query that
 * answers a fixed status, a group manager that accepts every command, and listeners that collect
 * what the API published (audit entries, cluster controls).
 */
final class ApiFixture {
  static final String SECRET = "web-test-secret-0123456789";
  static final String YAML = """
      cluster:
        name: webtest
        secret: "web-test-secret-0123456789"
      servers:
        - {name: node1, interconnects: [127.0.0.1]}
        - {name: node2, interconnects: [127.0.0.2]}
      management:
        users:
          - name: alice
            role: operator
            passwordHash: "%s"
          - {name: victor, role: viewer, passwordHash: '%s'}
      """;

  final ClusterSeal seal = new ClusterSeal(SECRET);
  final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
  final BlockingQueue<JsonObject> audit = new LinkedBlockingQueue<>();
  final BlockingQueue<JsonObject> controls = new LinkedBlockingQueue<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  volatile JsonObject status = statusJson("node1");
  int port;

  static ClusterConfig config() {
    String aliceHash = ManagementAuth.PasswordHash.hash("alice-pw", "salt-alice".getBytes(StandardCharsets.UTF_8), 1000);
    String victorHash = ManagementAuth.PasswordHash.hash("victor-pw", "salt-victor".getBytes(StandardCharsets.UTF_8), 1000);
    ResourceConfig.Recovery act = new ResourceConfig.Recovery(0, 1, FinalAction.NONE);
    ResourceConfig.Recovery deact = new ResourceConfig.Recovery(0, 0, FinalAction.STOP_CLUSTER_SERVICE);
    ResourceConfig exec = new ResourceConfig("app1", "exec", List.of(), act, deact, Map.of("start", "true"), Map.of());
    MonitorConfig mon = new MonitorConfig("pidw1", "pidw", Duration.ofSeconds(5), Duration.ofSeconds(60), 1,
        Duration.ZERO, MonitorConfig.MonitorWhen.ALWAYS, null,
        new MonitorConfig.RecoveryAction(MonitorConfig.RecoveryTargetKind.GROUP, "failover1", 3, 1, FinalAction.NONE),
        Map.of("pidFile", "/tmp/x.pid"), Map.of());
    return new ClusterConfig("webtest", SECRET,
        List.of(new ServerConfig("node1", "us-east-1a", List.of("127.0.0.1"), "127.0.0.1", 0, 29003),
            new ServerConfig("node2", "us-east-1b", List.of("127.0.0.2"), "127.0.0.2", 0, 29003)),
        new HeartbeatConfig(HeartbeatConfig.DEFAULT_PORT, HeartbeatConfig.DEFAULT_INTERVAL,
            HeartbeatConfig.DEFAULT_TIMEOUT, HeartbeatConfig.DEFAULT_STARTUP_WAIT),
        List.of(),
        new ManagementConfig(List.of(new ManagementConfig.User("alice", ManagementConfig.Role.OPERATOR, aliceHash),
            new ManagementConfig.User("victor", ManagementConfig.Role.VIEWER, victorHash)), null),
        AwsConfig.defaults(),
        List.of(new GroupConfig("failover1", List.of("node1", "node2"), true, false, List.of(exec, mirror(act, deact)))),
        List.of(mon), "f00dfeed");
  }

  /** An md resource, for the mirror endpoints (the fixture never opens it). */
  private static ResourceConfig mirror(ResourceConfig.Recovery act, ResourceConfig.Recovery deact) {
    return new ResourceConfig("data1", "md", List.of(), act, deact,
        Map.of("dataPath", "/tmp/data1.img", "clusterPath", "/tmp/data1.meta", "size", "16M"), Map.of());
  }

  static String yamlText(ClusterConfig c) {
    return YAML.formatted(c.management().users().get(0).passwordHash(), c.management().users().get(1).passwordHash());
  }

  static JsonObject statusJson(String activeServer) {
    return new JsonObject().put("cluster", "webtest").put("reportedBy", "node1")
        .put("servers", new JsonArray().add(new JsonObject().put("name", "node1").put("state", "online"))
            .add(new JsonObject().put("name", "node2").put("state", "online")))
        .put("groups", new JsonArray().add(new JsonObject().put("name", "failover1").put("state", "online")
            .put("server", activeServer).put("lastError", "")))
        .put("resources", new JsonArray()).put("monitors", new JsonArray())
        .put("alerts", new JsonArray().add(alert(3, "third")).add(alert(2, "second")).add(alert(1, "first")));
  }

  private static JsonObject alert(long time, String message) {
    return new JsonObject().put("time", time).put("server", "node1").put("severity", "info").put("message", message);
  }

  /** Installs the stand-ins and deploys the API; returns when it listens. */
  void start(Vertx vertx, ConfigCheck check) throws Exception {
    start(vertx, check, null);
  }

  void start(Vertx vertx, ConfigCheck check, ManagementApiVerticle.Apply apply) throws Exception {
    LocalCodec.register(vertx, Command.class, Reply.class);
    vertx.eventBus().localConsumer(Addresses.STATUS_QUERY, m -> m.reply(status));
    vertx.eventBus().<Command>localConsumer(Addresses.GROUP_COMMAND, m -> {
      commands.add(m.body());
      m.reply(new Reply(true, m.body().kind().name().toLowerCase() + " of " + m.body().group() + " accepted"));
    });
    vertx.eventBus().consumer(Addresses.CLUSTER_ALERTS, m -> audit.add(seal.open(m.body())));
    vertx.eventBus().consumer(Addresses.CLUSTER_CONTROL, m -> controls.add(seal.open(m.body())));
    port = deploy(vertx, "node1", check, apply);
  }

  /** Another server's management API in the same Vert.x; returns its port. */
  static int deploy(Vertx vertx, String server, ConfigCheck check, ManagementApiVerticle.Apply apply) throws Exception {
    ClusterConfig c = config();
    ManagementApiVerticle api = new ManagementApiVerticle(c, server, yamlText(c), check, apply);
    vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get();
    return api.actualPort();
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String bearer() {
    return "Bearer " + ManagementAuth.tokenFor(SECRET);
  }

  /** One request; {@code headers} are name/value pairs. */
  HttpResponse<String> call(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Logs in and returns {cookie header value, csrf token}. */
  String[] login(String user, String password) throws IOException, InterruptedException {
    HttpResponse<String> r = call("POST", "/api/v1/login",
        new JsonObject().put("user", user).put("password", password).encode(), "Content-Type", "application/json");
    if (r.statusCode() != 200) {
      throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
    }
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return new String[] {setCookie.substring(0, setCookie.indexOf(';')), new JsonObject(r.body()).getString("csrf")};
  }
}
