package io.zoneha.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.eventbus.MessageConsumer;
import io.zoneha.engine.status.StatusVerticle;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import io.vertx.core.Future;

/**
 * Pushes the cluster status to WebSocket clients: a {@code snapshot} message on connect, then a
 * {@code status} message for every change {@link StatusVerticle} publishes. Each message carries
 * the whole status, so a slow client can skip intermediate ones and a reconnect needs no replay.
 */
final class StatusStream {
  static final String SNAPSHOT = "snapshot";
  static final String STATUS = "status";

  private final Vertx vertx;
  private final Supplier<Future<JsonObject>> query;
  /** Open sockets and the session each belongs to (null for header-authenticated clients). */
  private final Map<ServerWebSocket, String> sockets = new HashMap<>();
  private final Map<ServerWebSocket, JsonObject> pending = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;

  StatusStream(Vertx vertx, Supplier<Future<JsonObject>> query) {
    this.vertx = vertx;
    this.query = query;
  }

  void start() {
    consumer = vertx.eventBus().localConsumer(StatusVerticle.CHANGED, m -> broadcast(m.body()));
  }

  void add(ServerWebSocket ws, String sessionId) {
    sockets.put(ws, sessionId);
    ws.closeHandler(v -> {
      sockets.remove(ws);
      pending.remove(ws);
    });
    ws.textMessageHandler(text -> { }); // clients only listen; anything they send is ignored
    ws.drainHandler(v -> {
      JsonObject latest = pending.remove(ws);
      if (latest != null) {
        send(ws, STATUS, latest);
      }
    });
    query.get().onSuccess(s -> send(ws, SNAPSHOT, s)).onFailure(e -> ws.close((short) 1011, "status unavailable"));
  }

  /** Closes the streams of a session that logged out. */
  void closeSession(String sessionId) {
    sockets.entrySet().stream().filter(e -> sessionId.equals(e.getValue())).map(Map.Entry::getKey).toList()
        .forEach(ws -> ws.close((short) 1008, "logged out"));
  }

  int clients() {
    return sockets.size();
  }

  private void broadcast(JsonObject status) {
    for (ServerWebSocket ws : sockets.keySet()) {
      if (ws.writeQueueFull()) {
        pending.put(ws, status); // only the newest status matters
      } else {
        send(ws, STATUS, status);
      }
    }
  }

  private static void send(ServerWebSocket ws, String type, JsonObject status) {
    if (!ws.isClosed()) {
      ws.writeTextMessage(new JsonObject().put("type", type).put("status", status).encode());
    }
  }

  void stop() {
    if (consumer != null) {
      consumer.unregister();
    }
    sockets.keySet().forEach(ws -> ws.close());
  }
}
