package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.bus.GroupMessages.Command;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every REST endpoint over real HTTP: authentication, roles, CSRF, bad input, audit entries. */
@ExtendWith(VertxExtension.class)
class ManagementApiTest {
  private static final String JSON = "application/json";
  private final ApiFixture f = new ApiFixture();

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    f.start(vertx, text -> text.contains("bad")
        ? ConfigCheck.Outcome.invalid(List.of(new ConfigCheck.Problem("servers[1].name", "must match [a-z]...")))
        : new ConfigCheck.Outcome(List.of(), "uploaded", "abc123", List.of("node1", "node2")));
  }

  @Test
  void everyApiRouteNeedsCredentials() throws Exception {
    for (String[] route : new String[][] {{"GET", "/api/v1/status"}, {"GET", "/api/v1/alerts"},
        {"GET", "/api/v1/session"}, {"GET", "/api/v1/config"}, {"POST", "/api/v1/config/validate"},
        {"POST", "/api/v1/groups/failover1/start"}, {"POST", "/api/v1/monitors/pidw1/suspend"},
        {"POST", "/api/v1/cluster/stop"}, {"POST", "/api/v1/logout"}, {"GET", "/api/v1/stream"}}) {
      HttpResponse<String> r = f.call(route[0], route[1], null);
      assertEquals(401, r.statusCode(), route[0] + " " + route[1] + ": " + r.body());
      assertFalse(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
          "no Basic challenge: browsers would pop up their own dialog");
    }
    assertEquals(401, f.call("GET", "/api/v1/status", null, "Authorization", "Bearer wrong").statusCode());
    assertEquals(401, f.call("GET", "/api/v1/status", null, "Authorization", ApiFixture.basic("alice", "nope")).statusCode());
    assertEquals(401, f.call("GET", "/api/v1/status", null, "Cookie", "zoneha_session=forged").statusCode());
    assertTrue(f.commands.isEmpty());
  }

  @Test
  void statusAndAlertsForTokenBasicAndSession() throws Exception {
    String[] s = f.login("victor", "victor-pw");
    for (String[] auth : new String[][] {{"Authorization", ApiFixture.bearer()},
        {"Authorization", ApiFixture.basic("victor", "victor-pw")}, {"Cookie", s[0]}}) {
      HttpResponse<String> r = f.call("GET", "/api/v1/status", null, auth);
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("webtest", new JsonObject(r.body()).getString("cluster"));
    }
    HttpResponse<String> alerts = f.call("GET", "/api/v1/alerts?limit=2", null, "Cookie", s[0]);
    assertEquals(200, alerts.statusCode());
    var list = new JsonObject(alerts.body()).getJsonArray("alerts");
    assertEquals(2, list.size());
    assertEquals("third", list.getJsonObject(0).getString("message"), "newest first");
    assertEquals(3, new JsonObject(f.call("GET", "/api/v1/alerts", null, "Cookie", s[0]).body())
        .getJsonArray("alerts").size());
    HttpResponse<String> bad = f.call("GET", "/api/v1/alerts?limit=zero", null, "Cookie", s[0]);
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("limit:"), bad.body());
  }

  @Test
  void loginSetsAStrictHttpOnlyCookieAndSessionEchoesTheCsrfToken() throws Exception {
    HttpResponse<String> r = f.call("POST", "/api/v1/login", "{\"user\":\"alice\",\"password\":\"alice-pw\"}",
        "Content-Type", JSON);
    assertEquals(200, r.statusCode(), r.body());
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    JsonObject body = new JsonObject(r.body());
    assertEquals("operator", body.getString("role"));
    String csrf = body.getString("csrf");
    assertNotNull(csrf);
    JsonObject session = new JsonObject(f.call("GET", "/api/v1/session", null,
        "Cookie", cookie.substring(0, cookie.indexOf(';'))).body());
    assertEquals(csrf, session.getString("csrf"));
    assertEquals("alice", session.getString("user"));
    assertTrue(session.getBoolean("canOperate"));
    JsonObject logged = f.audit.poll(5, TimeUnit.SECONDS);
    assertTrue(logged.getString("message").contains("user alice: logged in"), logged.encode());
  }

  @Test
  void loginRejectsBadInputNamingTheFieldAndWrongPasswords() throws Exception {
    assertBadRequest(f.call("POST", "/api/v1/login", "{\"password\":\"x\"}", "Content-Type", JSON), "user:");
    assertBadRequest(f.call("POST", "/api/v1/login", "{\"user\":\"alice\"}", "Content-Type", JSON), "password:");
    assertBadRequest(f.call("POST", "/api/v1/login", "{\"user\":7,\"password\":\"x\"}", "Content-Type", JSON), "user:");
    assertBadRequest(f.call("POST", "/api/v1/login", "{not json", "Content-Type", JSON), "body:");
    assertBadRequest(f.call("POST", "/api/v1/login", "[1]", "Content-Type", JSON), "body:");
    HttpResponse<String> wrong = f.call("POST", "/api/v1/login", "{\"user\":\"alice\",\"password\":\"no\"}",
        "Content-Type", JSON);
    assertEquals(401, wrong.statusCode());
    assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
    assertEquals("warning", f.audit.poll(5, TimeUnit.SECONDS).getString("severity"));
  }

  @Test
  void cookieRequestsThatChangeStateNeedTheCsrfToken() throws Exception {
    String[] s = f.login("alice", "alice-pw");
    HttpResponse<String> noToken = f.call("POST", "/api/v1/groups/failover1/start", "", "Cookie", s[0]);
    assertEquals(403, noToken.statusCode());
    assertTrue(noToken.body().contains("X-ZoneHA-CSRF"), noToken.body());
    assertEquals(403, f.call("POST", "/api/v1/groups/failover1/start", "", "Cookie", s[0],
        "X-ZoneHA-CSRF", "guess").statusCode());
    assertTrue(f.commands.isEmpty());
    HttpResponse<String> ok = f.call("POST", "/api/v1/groups/failover1/start", "", "Cookie", s[0],
        "X-ZoneHA-CSRF", s[1]);
    assertEquals(202, ok.statusCode(), ok.body());
    Command c = f.commands.poll(5, TimeUnit.SECONDS);
    assertEquals(Command.Kind.START, c.kind());
    assertEquals("alice", c.user());
  }

  @Test
  void groupOperationsReachTheGroupManagerAndTheEventLog() throws Exception {
    String[] s = f.login("alice", "alice-pw");
    f.audit.clear();
    HttpResponse<String> moved = f.call("POST", "/api/v1/groups/failover1/move", "{\"server\":\"node2\"}",
        "Cookie", s[0], "X-ZoneHA-CSRF", s[1], "Content-Type", JSON);
    assertEquals(202, moved.statusCode(), moved.body());
    Command c = f.commands.poll(5, TimeUnit.SECONDS);
    assertEquals(Command.Kind.MOVE, c.kind());
    assertEquals("node2", c.server());
    JsonObject entry = f.audit.poll(5, TimeUnit.SECONDS);
    assertEquals("user alice: move group failover1 to node2", entry.getString("message"));
    assertEquals("failover1", entry.getString("group"));
    assertTrue(entry.getLong("time") > 0);
    assertEquals(202, f.call("POST", "/api/v1/groups/failover1/stop", null, "Authorization", ApiFixture.bearer())
        .statusCode());
    assertEquals("cli", f.commands.poll(5, TimeUnit.SECONDS).user());
  }

  @Test
  void groupOperationsRejectBadInputNamingTheField() throws Exception {
    String auth = ApiFixture.bearer();
    assertBadRequest(f.call("POST", "/api/v1/groups/failover1/move", "{}", "Authorization", auth), "server:");
    assertBadRequest(f.call("POST", "/api/v1/groups/failover1/move", "{\"server\":\"node9\"}", "Authorization", auth),
        "server:");
    assertBadRequest(f.call("POST", "/api/v1/groups/failover1/move", "{\"server\":3}", "Authorization", auth), "server:");
    assertBadRequest(f.call("POST", "/api/v1/groups/failover1/jump", "", "Authorization", auth), "op:");
    assertBadRequest(f.call("POST", "/api/v1/monitors/pidw1/pause", "", "Authorization", auth), "op:");
    assertEquals(404, f.call("POST", "/api/v1/groups/nosuch/start", "", "Authorization", auth).statusCode());
    assertEquals(404, f.call("POST", "/api/v1/monitors/nosuch/resume", "", "Authorization", auth).statusCode());
    assertEquals(404, f.call("GET", "/api/v1/nothing", null, "Authorization", auth).statusCode());
    assertTrue(f.commands.isEmpty());
  }

  @Test
  void monitorAndClusterControlsArePublishedToEveryServer() throws Exception {
    String auth = ApiFixture.basic("alice", "alice-pw");
    assertEquals(202, f.call("POST", "/api/v1/monitors/pidw1/suspend", "", "Authorization", auth).statusCode());
    JsonObject ctl = f.controls.poll(5, TimeUnit.SECONDS);
    assertNotNull(ctl);
    assertTrue(ctl.encode().contains("pidw1"), ctl.encode());
    assertEquals(202, f.call("POST", "/api/v1/monitors/pidw1/resume", "", "Authorization", auth).statusCode());
    assertNotNull(f.controls.poll(5, TimeUnit.SECONDS));
    assertEquals(202, f.call("POST", "/api/v1/cluster/stop", "", "Authorization", auth).statusCode());
    assertNotNull(f.controls.poll(5, TimeUnit.SECONDS));
    List<String> messages = List.of(f.audit.poll(5, TimeUnit.SECONDS).getString("message"),
        f.audit.poll(5, TimeUnit.SECONDS).getString("message"), f.audit.poll(5, TimeUnit.SECONDS).getString("message"));
    assertEquals(List.of("user alice: suspend monitor pidw1", "user alice: resume monitor pidw1",
        "user alice: stop the cluster service on every server"), messages);
  }

  @Test
  void viewersMayLookButNotAct() throws Exception {
    String[] s = f.login("victor", "victor-pw");
    assertEquals(200, f.call("GET", "/api/v1/status", null, "Cookie", s[0]).statusCode());
    for (String path : List.of("/api/v1/groups/failover1/start", "/api/v1/groups/failover1/stop",
        "/api/v1/monitors/pidw1/suspend", "/api/v1/cluster/stop")) {
      HttpResponse<String> r = f.call("POST", path, "", "Cookie", s[0], "X-ZoneHA-CSRF", s[1]);
      assertEquals(403, r.statusCode(), path);
      assertTrue(r.body().contains("viewer"), r.body());
    }
    HttpResponse<String> basic = f.call("POST", "/api/v1/groups/failover1/move", "{\"server\":\"node2\"}",
        "Authorization", ApiFixture.basic("victor", "victor-pw"));
    assertEquals(403, basic.statusCode());
    assertFalse(new JsonObject(f.call("GET", "/api/v1/session", null, "Cookie", s[0]).body()).getBoolean("canOperate"));
    assertTrue(f.commands.isEmpty());
    assertTrue(f.controls.isEmpty());
  }

  @Test
  void repeatedWrongPasswordsAreThrottled() throws Exception {
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      assertEquals(401, f.call("POST", "/api/v1/login", "{\"user\":\"alice\",\"password\":\"guess" + i + "\"}",
          "Content-Type", JSON).statusCode());
    }
    HttpResponse<String> blocked = f.call("POST", "/api/v1/login", "{\"user\":\"alice\",\"password\":\"alice-pw\"}",
        "Content-Type", JSON);
    assertEquals(429, blocked.statusCode(), blocked.body());
    assertTrue(blocked.headers().firstValue("Retry-After").isPresent());
    assertEquals(429, f.call("GET", "/api/v1/status", null, "Authorization", ApiFixture.basic("alice", "alice-pw"))
        .statusCode(), "Basic is throttled too");
    assertEquals(200, f.call("GET", "/api/v1/status", null, "Authorization", ApiFixture.bearer()).statusCode(),
        "the CLI token is not a password");
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    String[] s = f.login("alice", "alice-pw");
    assertEquals(403, f.call("POST", "/api/v1/logout", "", "Cookie", s[0]).statusCode(), "needs the CSRF token");
    HttpResponse<String> out = f.call("POST", "/api/v1/logout", "", "Cookie", s[0], "X-ZoneHA-CSRF", s[1]);
    assertEquals(200, out.statusCode());
    assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
    assertEquals(401, f.call("GET", "/api/v1/status", null, "Cookie", s[0]).statusCode());
  }

  @Test
  void configIsServedWithSecretsRedacted() throws Exception {
    HttpResponse<String> r = f.call("GET", "/api/v1/config", null, "Authorization", ApiFixture.basic("victor", "victor-pw"));
    assertEquals(200, r.statusCode());
    JsonObject body = new JsonObject(r.body());
    String yaml = body.getString("yaml");
    assertFalse(yaml.contains(ApiFixture.SECRET), yaml);
    assertFalse(yaml.contains("pbkdf2"), yaml);
    assertTrue(yaml.contains("secret: \"***\""), yaml);
    assertTrue(yaml.contains("name: victor"), yaml);
    assertEquals("f00dfeed", body.getString("fingerprint"));
  }

  @Test
  void validateReturnsTheValidatorsProblems() throws Exception {
    String[] s = f.login("victor", "victor-pw");
    HttpResponse<String> good = f.call("POST", "/api/v1/config/validate", "cluster: {name: x}",
        "Cookie", s[0], "X-ZoneHA-CSRF", s[1], "Content-Type", "application/yaml");
    assertEquals(200, good.statusCode(), good.body());
    assertTrue(new JsonObject(good.body()).getBoolean("valid"));
    assertEquals("abc123", new JsonObject(good.body()).getString("fingerprint"));
    HttpResponse<String> bad = f.call("POST", "/api/v1/config/validate", "bad: yes",
        "Authorization", ApiFixture.bearer(), "Content-Type", "application/yaml");
    JsonObject b = new JsonObject(bad.body());
    assertFalse(b.getBoolean("valid"));
    assertEquals("servers[1].name", b.getJsonArray("problems").getJsonObject(0).getString("path"));
    assertBadRequest(f.call("POST", "/api/v1/config/validate", "  ", "Authorization", ApiFixture.bearer()), "body:");
  }

  @Test
  void theUiIsServedAtTheRoot() throws Exception {
    HttpResponse<String> r = f.call("GET", "/", null);
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("<title>ZoneHA</title>"), r.body());
    assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
  }

  private static void assertBadRequest(HttpResponse<String> r, String field) {
    assertEquals(400, r.statusCode(), r.body());
    String error = new JsonObject(r.body()).getString("error");
    assertTrue(error.startsWith(field), "error names " + field + ": " + error);
  }
}
