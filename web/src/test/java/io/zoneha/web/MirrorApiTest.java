package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ResourceMessages.Answer;
import io.zoneha.engine.bus.ResourceMessages.Request;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /api/v1/mirrors and POST /api/v1/mirrors/{name}/{op} over real HTTP, with stand-in nodes. */
@ExtendWith(VertxExtension.class)
class MirrorApiTest {
  private final ApiFixture f = new ApiFixture();
  private final BlockingQueue<Request> node1 = new LinkedBlockingQueue<>();

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    f.status = ApiFixture.statusJson("node1").put("mirrors", new JsonArray()
        .add(new JsonObject().put("name", "data1").put("server", "node1").put("state", "up-to-date")
            .put("upToDate", true).put("role", "primary").put("peerState", "streaming")));
    f.start(vertx, text -> ConfigCheck.Outcome.invalid(List.of()));
    // node1 runs the primary copy; node2 is not listening (down)
    vertx.eventBus().consumer(Addresses.nodeResources("node1"), m -> {
      Request r = Request.fromJson(f.seal.open(m.body()));
      node1.add(r);
      m.reply(f.seal.seal(new Answer("node1", true, 0, r.op() + " done on node1",
          new JsonObject().put("differingBytes", 0)).toJson()));
    });
  }

  @Test
  void mirrorsListComesFromTheStatus() throws Exception {
    HttpResponse<String> r = f.call("GET", "/api/v1/mirrors", null, "Authorization", ApiFixture.bearer());
    assertEquals(200, r.statusCode(), r.body());
    JsonObject m = new JsonObject(r.body()).getJsonArray("mirrors").getJsonObject(0);
    assertEquals("streaming", m.getString("peerState"));
    assertEquals(401, f.call("GET", "/api/v1/mirrors", null).statusCode());
  }

  @Test
  void verifyIsSentToEveryCopyAndAnsweredByThePrimary() throws Exception {
    HttpResponse<String> r = f.call("POST", "/api/v1/mirrors/data1/verify", "", "Authorization", ApiFixture.bearer());
    assertEquals(200, r.statusCode(), r.body());
    JsonObject body = new JsonObject(r.body());
    assertEquals(2, body.getJsonArray("results").size(), r.body());
    assertTrue(body.getString("message").contains("verify done on node1"), r.body());
    assertEquals("verify", node1.poll(5, TimeUnit.SECONDS).op());
  }

  @Test
  void anUnreachableCopyMakesPauseAConflictNamingTheServer() throws Exception {
    HttpResponse<String> r = f.call("POST", "/api/v1/mirrors/data1/pause", "", "Authorization", ApiFixture.bearer());
    assertEquals(409, r.statusCode(), r.body());
    assertTrue(new JsonObject(r.body()).getString("message").contains("node2"), r.body());
    assertEquals("pause", node1.poll(5, TimeUnit.SECONDS).op());
  }

  @Test
  void recoverCarriesTheSourceAndIsAudited() throws Exception {
    f.audit.clear();
    HttpResponse<String> r = f.call("POST", "/api/v1/mirrors/data1/recover", "{\"source\":\"node1\"}",
        "Authorization", ApiFixture.basic("alice", "alice-pw"), "Content-Type", "application/json");
    assertEquals(409, r.statusCode(), r.body()); // node2 is down
    Request req = node1.poll(5, TimeUnit.SECONDS);
    assertEquals("node1", req.args().get("source"));
    assertEquals("alice", req.user());
    assertEquals("user alice: recover mirror data1 keeping the copy on node1",
        f.audit.poll(5, TimeUnit.SECONDS).getString("message"));
  }

  @Test
  void badInputNamesTheField() throws Exception {
    String auth = ApiFixture.bearer();
    assertBadRequest(f.call("POST", "/api/v1/mirrors/data1/flip", "", "Authorization", auth), "op:");
    assertBadRequest(f.call("POST", "/api/v1/mirrors/data1/recover", "{}", "Authorization", auth), "source:");
    assertBadRequest(f.call("POST", "/api/v1/mirrors/data1/recover", "{\"source\":\"node9\"}", "Authorization", auth),
        "source:");
    assertEquals(404, f.call("POST", "/api/v1/mirrors/app1/verify", "", "Authorization", auth).statusCode());
    assertEquals(404, f.call("POST", "/api/v1/mirrors/nosuch/verify", "", "Authorization", auth).statusCode());
    String[] s = f.login("victor", "victor-pw");
    assertEquals(403, f.call("POST", "/api/v1/mirrors/data1/pause", "", "Cookie", s[0], "X-ZoneHA-CSRF", s[1])
        .statusCode());
    assertTrue(node1.isEmpty());
  }

  private static void assertBadRequest(HttpResponse<String> r, String field) {
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(new JsonObject(r.body()).getString("error").startsWith(field), r.body());
  }
}
