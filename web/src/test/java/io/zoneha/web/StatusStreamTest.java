package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.status.StatusVerticle;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The live status WebSocket: snapshot on connect, every change pushed, auth like the REST API. */
@ExtendWith(VertxExtension.class)
class StatusStreamTest {
  private final ApiFixture f = new ApiFixture();

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    f.start(vertx, text -> new ConfigCheck.Outcome(java.util.List.of(), "x", "y", null));
  }

  @Test
  void snapshotThenEveryChangeWithinAHundredMilliseconds(Vertx vertx) throws Exception {
    String[] s = f.login("victor", "victor-pw");
    Messages m = new Messages();
    WebSocket ws = f.http.newWebSocketBuilder().header("Cookie", s[0])
        .buildAsync(URI.create("ws://127.0.0.1:" + f.port + "/api/v1/stream"), m).join();
    try {
      JsonObject first = m.next();
      assertEquals("snapshot", first.getString("type"));
      assertEquals("node1", first.getJsonObject("status").getJsonArray("groups").getJsonObject(0).getString("server"));
      for (int i = 0; i < 5; i++) {
        JsonObject changed = ApiFixture.statusJson("node" + (i % 2 + 1)).put("seq", i);
        long sent = System.nanoTime();
        vertx.eventBus().publish(StatusVerticle.CHANGED, changed);
        JsonObject got = m.next();
        long ms = (System.nanoTime() - sent) / 1_000_000;
        assertEquals("status", got.getString("type"));
        assertEquals(i, got.getJsonObject("status").getInteger("seq"));
        // a sanity bound only: speed is a benchmark's business, and CI machines are noisy
        assertTrue(ms < 2000, "change arrived after " + ms + " ms");
      }
    } finally {
      ws.abort();
    }
  }

  @Test
  void reconnectingGetsAFreshSnapshot() throws Exception {
    String auth = ApiFixture.bearer();
    Messages first = new Messages();
    WebSocket a = f.http.newWebSocketBuilder().header("Authorization", auth)
        .buildAsync(URI.create("ws://127.0.0.1:" + f.port + "/api/v1/stream"), first).join();
    assertEquals("node1", first.next().getJsonObject("status").getJsonArray("groups").getJsonObject(0).getString("server"));
    a.abort();
    f.status = ApiFixture.statusJson("node2");
    Messages second = new Messages();
    WebSocket b = f.http.newWebSocketBuilder().header("Authorization", auth)
        .buildAsync(URI.create("ws://127.0.0.1:" + f.port + "/api/v1/stream"), second).join();
    try {
      JsonObject snap = second.next();
      assertEquals("snapshot", snap.getString("type"));
      assertEquals("node2", snap.getJsonObject("status").getJsonArray("groups").getJsonObject(0).getString("server"));
    } finally {
      b.abort();
    }
  }

  @Test
  void refusesUnauthenticatedAndForeignOriginClients() throws Exception {
    CompletionException none = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> f.http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + f.port + "/api/v1/stream"),
            new Messages()).join());
    assertEquals(401, ((WebSocketHandshakeException) none.getCause()).getResponse().statusCode());
    String[] s = f.login("alice", "alice-pw");
    CompletionException foreign = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> f.http.newWebSocketBuilder().header("Cookie", s[0]).header("Origin", "http://evil.example")
            .buildAsync(URI.create("ws://127.0.0.1:" + f.port + "/api/v1/stream"), new Messages()).join());
    assertEquals(403, ((WebSocketHandshakeException) foreign.getCause()).getResponse().statusCode());
  }

  @Test
  void logoutClosesTheSessionsStreams() throws Exception {
    String[] s = f.login("alice", "alice-pw");
    Messages m = new Messages();
    WebSocket ws = f.http.newWebSocketBuilder().header("Cookie", s[0])
        .buildAsync(URI.create("ws://127.0.0.1:" + f.port + "/api/v1/stream"), m).join();
    try {
      assertEquals("snapshot", m.next().getString("type"));
      assertEquals(200, f.call("POST", "/api/v1/logout", "", "Cookie", s[0], "X-ZoneHA-CSRF", s[1]).statusCode());
      Integer code = m.closed.poll(5, TimeUnit.SECONDS);
      assertNotNull(code, "stream closed after logout");
      assertEquals(1008, code);
    } finally {
      ws.abort();
    }
  }

  /** Collects text messages (whole ones) and the close code. */
  private static final class Messages implements WebSocket.Listener {
    final BlockingQueue<JsonObject> texts = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(new JsonObject(partial.toString()));
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.add(statusCode);
      return null;
    }

    JsonObject next() throws InterruptedException {
      JsonObject j = texts.poll(5, TimeUnit.SECONDS);
      assertNotNull(j, "a message within 5 s");
      return j;
    }
  }
}
