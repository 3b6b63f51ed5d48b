package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zoneha.engine.apply.ApplyPlan;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ManagementConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.spi.TypeRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two servers' management APIs in one Vert.x, each with its own cluster.yaml on disk: apply goes
 * to both or to neither.
 */
@ExtendWith(VertxExtension.class)
class ConfigApplyTest {
  private static final String NEW = """
      cluster:
        name: webtest
        secret: "***"
      servers:
        - {name: node1, interconnects: [127.0.0.1]}
        - {name: node2, interconnects: [127.0.0.2]}
      heartbeat: {interval: 250ms, timeout: 2s}
      """;

  private final ApiFixture f = new ApiFixture();
  private final ConfigCheck loader = ConfigChecks.loader(new TypeRegistry(List.of(), List.of()));
  private final BlockingQueue<String> reloads = new LinkedBlockingQueue<>();
  private final List<Path> dirs = new ArrayList<>();
  private Path file1;
  private Path file2;

  private void deploy(Vertx vertx, ConfigCheck node2Check) throws Exception {
    deploy(vertx, loader, node2Check);
  }

  private void deploy(Vertx vertx, ConfigCheck node1Check, ConfigCheck node2Check) throws Exception {
    file1 = configFile("node1");
    file2 = configFile("node2");
    f.start(vertx, node1Check, new ManagementApiVerticle.Apply(new ConfigStore(file1), recorder("node1")));
    ApiFixture.deploy(vertx, "node2", node2Check, new ManagementApiVerticle.Apply(new ConfigStore(file2),
        recorder("node2")));
  }

  /** Records "node1" for a cluster service restart, "node1 live groups" for a live install. */
  private ConfigReloader recorder(String server) {
    return new ConfigReloader() {
      @Override
      public void reload(String newText) {
        reloads.add(server);
      }

      @Override
      public Future<List<String>> install(String newText, ClusterConfig next, ApplyPlan plan) {
        reloads.add(server + " live " + plan.impact().wire());
        return Future.succeededFuture(List.of());
      }
    };
  }

  private Path configFile(String server) throws Exception {
    Path dir = Files.createTempDirectory("zoneha-apply-" + server);
    dirs.add(dir);
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(file, ApiFixture.yamlText(ApiFixture.config()));
    return file;
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Path d : dirs) {
      try (Stream<Path> files = Files.walk(d)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private HttpResponse<String> apply(String text, String query) throws Exception {
    return f.call("POST", "/api/v1/config/apply" + query, text, "Authorization", ApiFixture.bearer(),
        "Content-Type", "application/yaml");
  }

  @Test
  void heartbeatTimingRestartsTheStandbyFirstThenTheActive(Vertx vertx) throws Exception {
    deploy(vertx, loader);
    HttpResponse<String> r = apply(NEW, "?base=f00dfeed");
    assertEquals(200, r.statusCode(), r.body());
    JsonObject body = new JsonObject(r.body());
    assertTrue(body.getBoolean("applied"));
    JsonObject plan = body.getJsonObject("plan");
    assertEquals("rolling", plan.getString("impact"), plan.encode());
    assertEquals(List.of("node2", "node1"), plan.getJsonArray("restartOrder").getList(), "node1 runs failover1");
    assertTrue(body.getString("message").contains("one server at a time: node2, then node1"), body.encode());
    for (Path file : List.of(file1, file2)) {
      String installed = Files.readString(file);
      assertTrue(installed.contains("interval: 250ms"), installed);
      assertTrue(installed.contains("secret: \"" + ApiFixture.SECRET + "\""), "the masked secret was restored");
      assertTrue(Files.readString(file.resolveSibling("cluster.yaml.previous")).contains("alice"));
      assertFalse(Files.exists(file.resolveSibling("cluster.yaml.staged")));
    }
    assertEquals("node2", reloads.poll(5, TimeUnit.SECONDS), "the standby goes first");
    assertNull(reloads.poll(ApplyParticipant.RELOAD_DELAY_MS + 3 * ApplyParticipant.TURN_POLL_MS, TimeUnit.MILLISECONDS),
        "the active waits until the standby is back with the new version");
    JsonObject back = ApiFixture.statusJson("node1");
    back.getJsonArray("servers").getJsonObject(1).put("fingerprint", body.getString("version"));
    f.status = back;
    assertEquals("node1", reloads.poll(5, TimeUnit.SECONDS));
    JsonObject audit = f.audit.poll(5, TimeUnit.SECONDS);
    assertTrue(audit.getString("message").startsWith("user cli: apply configuration "), audit.encode());
    assertTrue(audit.getString("message").contains(": rolling: "), audit.encode());
  }

  @Test
  void aChangeOfLoginsIsTakenLiveEverywhere(Vertx vertx) throws Exception {
    // the running config without victor, as a validator that parses would return it
    ClusterConfig c = ApiFixture.config();
    ClusterConfig without = new ClusterConfig(c.name(), c.secret(), c.servers(), c.heartbeat(), c.np(),
        new ManagementConfig(c.management().users().subList(0, 1), null), c.aws(), c.groups(), c.monitors(), "0badcafe");
    ConfigCheck parses = text -> new ConfigCheck.Outcome(List.of(), "webtest", "0badcafe", List.of("node1", "node2"), without);
    deploy(vertx, parses, parses);
    String running = ApiFixture.yamlText(c);
    String fewerUsers = running.substring(0, running.indexOf("- {name: victor"));
    HttpResponse<String> preview = f.call("POST", "/api/v1/config/validate", fewerUsers, "Authorization", ApiFixture.bearer());
    JsonObject previewPlan = new JsonObject(preview.body()).getJsonObject("plan");
    assertEquals("live", previewPlan.getString("impact"), preview.body());
    assertTrue(previewPlan.getBoolean("endsSessions"));
    HttpResponse<String> r = apply(fewerUsers, "");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(previewPlan, new JsonObject(r.body()).getJsonObject("plan"), "what was shown is what happens");
    List<String> done = List.of(reloads.poll(5, TimeUnit.SECONDS), reloads.poll(5, TimeUnit.SECONDS));
    assertTrue(done.containsAll(List.of("node1 live live", "node2 live live")), done.toString());
    assertTrue(new JsonObject(r.body()).getString("message").contains("web sessions end"), r.body());
  }

  @Test
  void aRestartingServerWaitsForThoseBeforeIt() {
    JsonObject status = ApiFixture.statusJson("node1");
    assertTrue(ApplyParticipant.turnReached(status, List.of(), "v2"), "the first one waits for nobody");
    assertFalse(ApplyParticipant.turnReached(status, List.of("node2"), "v2"), "node2 still runs the old version");
    status.getJsonArray("servers").getJsonObject(1).put("fingerprint", "v2");
    assertTrue(ApplyParticipant.turnReached(status, List.of("node2"), "v2"));
    status.getJsonArray("servers").getJsonObject(1).put("state", "offline");
    assertFalse(ApplyParticipant.turnReached(status, List.of("node2"), "v2"), "back with v2, but not online");
  }

  @Test
  void oneRefusalLeavesEveryServerOnItsOldFile(Vertx vertx) throws Exception {
    ConfigCheck lacksAType = text -> ConfigCheck.Outcome.invalid(
        List.of(new ConfigCheck.Problem("groups[0].resources[0].type", "unknown resource type 'awsvip'")));
    deploy(vertx, lacksAType);
    String before = Files.readString(file1);
    HttpResponse<String> r = apply(NEW, "");
    assertEquals(409, r.statusCode(), r.body());
    JsonObject body = new JsonObject(r.body());
    assertFalse(body.getBoolean("applied"));
    JsonObject node2 = body.getJsonObject("servers").getJsonObject("node2");
    assertFalse(node2.getBoolean("ok"));
    assertTrue(node2.getString("message").contains("unknown resource type"), node2.encode());
    assertTrue(body.getJsonObject("servers").getJsonObject("node1").getBoolean("ok"), "node1 had staged it");
    assertEquals(before, Files.readString(file1));
    assertFalse(Files.exists(file1.resolveSibling("cluster.yaml.staged")), "node1 dropped its staged copy");
    assertFalse(Files.exists(file2.resolveSibling("cluster.yaml.staged")));
    assertNull(reloads.poll(ApplyParticipant.RELOAD_DELAY_MS + 500, TimeUnit.MILLISECONDS), "nobody reloaded");
  }

  @Test
  void refusedBeforeDistributionWhenInvalidStaleOffline(Vertx vertx) throws Exception {
    deploy(vertx, loader);
    HttpResponse<String> invalid = apply("cluster: {name: webtest}\n", "");
    assertEquals(422, invalid.statusCode(), invalid.body());
    assertFalse(new JsonObject(invalid.body()).getJsonArray("problems").isEmpty());
    HttpResponse<String> stale = apply(NEW, "?base=0123");
    assertEquals(400, stale.statusCode());
    assertTrue(new JsonObject(stale.body()).getString("error").startsWith("base:"));
    HttpResponse<String> moreServers = apply(NEW.replace("- {name: node2, interconnects: [127.0.0.2]}",
            "- {name: node2, interconnects: [127.0.0.2]}\n  - {name: node3, interconnects: [127.0.0.3]}"), "");
    assertEquals(409, moreServers.statusCode(), moreServers.body());
    f.status = ApiFixture.statusJson("node1");
    f.status.getJsonArray("servers").getJsonObject(1).put("state", "offline");
    HttpResponse<String> offline = apply(NEW, "");
    assertEquals(409, offline.statusCode());
    assertTrue(new JsonObject(offline.body()).getString("message").contains("node2 is offline"));
    assertEquals(ApiFixture.yamlText(ApiFixture.config()), Files.readString(file2));
    assertTrue(reloads.isEmpty());
  }

  @Test
  void viewersMayNotApply(Vertx vertx) throws Exception {
    deploy(vertx, loader);
    HttpResponse<String> r = f.call("POST", "/api/v1/config/apply", NEW, "Authorization",
        ApiFixture.basic("victor", "victor-pw"));
    assertEquals(403, r.statusCode());
    assertEquals(401, f.call("POST", "/api/v1/config/apply", NEW).statusCode());
  }

  @Test
  void participantRefusesWhatItCouldNotRun() {
    var running = ApiFixture.config();
    var step = new ApplyMessages.Step(ApplyMessages.Phase.PREPARE, "v2", "f00dfeed", "x", "alice");
    var ok = new ConfigCheck.Outcome(List.of(), "webtest", "v2", List.of("node1", "node2"));
    assertTrue(ApplyParticipant.refusal(running, "node1", step, ok).isEmpty());
    assertTrue(ApplyParticipant.refusal(running, "node3", step, ok).orElseThrow().contains("no server named node3"));
    assertTrue(ApplyParticipant.refusal(running, "node1", step,
        new ConfigCheck.Outcome(List.of(), "other", "v2", List.of("node1"))).orElseThrow().contains("cluster name"));
    assertTrue(ApplyParticipant.refusal(running, "node1", step,
        new ConfigCheck.Outcome(List.of(), "webtest", "v3", List.of("node1"))).orElseThrow().contains("fingerprint"));
    assertTrue(ApplyParticipant.refusal(running, "node1",
        new ApplyMessages.Step(ApplyMessages.Phase.PREPARE, "v2", "old", "x", "alice"), ok).orElseThrow().contains("runs"));
  }
}
