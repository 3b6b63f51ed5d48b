package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.apply.ApplyImpact;
import io.zoneha.engine.apply.ApplyPlan;
import io.zoneha.engine.apply.ConfigDiff;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ConfigMessages;
import io.zoneha.engine.bus.LocalCodec;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.ManagementConfig;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The management API follows a configuration installed live on the same open port: new routes
 * with the new configuration, sessions kept unless the logins changed.
 */
@ExtendWith(VertxExtension.class)
class LiveConfigTest {
  private final ApiFixture f = new ApiFixture();
  private Vertx vertx;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    this.vertx = vertx;
    LocalCodec.register(vertx, ConfigMessages.Installed.class);
    f.start(vertx, text -> new ConfigCheck.Outcome(List.of(), "webtest", "abc123", List.of("node1", "node2")));
  }

  private static ClusterConfig with(ClusterConfig c, ManagementConfig m, boolean autoFailback, String fingerprint) {
    List<GroupConfig> groups = c.groups().stream().map(g -> new GroupConfig(g.name(), g.startupServers(), g.autoStart(),
        autoFailback, g.resources())).toList();
    return new ClusterConfig(c.name(), c.secret(), c.servers(), c.heartbeat(), c.np(), m, c.aws(), groups, c.monitors(),
        fingerprint);
  }

  private String fingerprint(String... auth) throws Exception {
    HttpResponse<String> r = f.call("GET", "/api/v1/config", null, auth);
    return r.statusCode() == 200 ? new JsonObject(r.body()).getString("fingerprint") : "HTTP " + r.statusCode();
  }

  private void install(ClusterConfig running, ClusterConfig next) throws Exception {
    ApplyPlan plan = ConfigDiff.classify(running, next);
    vertx.eventBus().publish(Addresses.CONFIG_INSTALLED, new ConfigMessages.Installed(next, "cluster: {}\n", plan));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!next.fingerprint().equals(fingerprint("Authorization", ApiFixture.bearer()))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the API did not take " + next.fingerprint());
      }
      Thread.sleep(10);
    }
  }

  @Test
  void sessionsStayWhenLoginsDoNotChangeAndEndWhenTheyDo() throws Exception {
    ClusterConfig running = ApiFixture.config();
    String[] alice = f.login("alice", "alice-pw");
    assertEquals("f00dfeed", fingerprint("Cookie", alice[0]));

    ClusterConfig failback = with(running, running.management(), true, "cafe0001");
    assertEquals(ApplyImpact.LIVE, ConfigDiff.classify(running, failback).impact());
    install(running, failback);
    assertEquals("cafe0001", fingerprint("Cookie", alice[0]), "alice's session survived a live install");
    assertEquals("cafe0001", fingerprint("Authorization", ApiFixture.basic("victor", "victor-pw")));

    ClusterConfig onlyAlice = with(failback, new ManagementConfig(running.management().users().subList(0, 1), null),
        true, "cafe0002");
    install(failback, onlyAlice);
    assertEquals("HTTP 401", fingerprint("Cookie", alice[0]), "changed logins end every session");
    assertEquals("HTTP 401", fingerprint("Authorization", ApiFixture.basic("victor", "victor-pw")), "victor is gone");
    assertEquals("cafe0002", fingerprint("Authorization", ApiFixture.basic("alice", "alice-pw")));
  }
}
