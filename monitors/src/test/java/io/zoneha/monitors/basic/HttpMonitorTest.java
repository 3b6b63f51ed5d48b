package io.zoneha.monitors.basic;

import static io.zoneha.resources.exec.ProcessTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.engine.spi.NodeServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** httpw against a real HTTP server on 127.0.0.1. */
@ExtendWith(VertxExtension.class)
class HttpMonitorTest {
  @TempDir Path dir;
  private HttpServer server;
  private final java.util.concurrent.CompletableFuture<Void> endlessClosed = new java.util.concurrent.CompletableFuture<>();
  private final List<MonitorDriver> drivers = new ArrayList<>();

  @BeforeEach
  void startServer(Vertx vertx) throws Exception {
    server = await(vertx.createHttpServer()
        .requestHandler(req -> {
          switch (req.path()) {
            case "/ok" -> req.response().end("fine");
            case "/empty" -> req.response().setStatusCode(204).end();
            case "/hang" -> { }
            case "/endless" -> {
              req.response().setChunked(true).write("first chunk");
              long timer = vertx.setPeriodic(20, id -> req.response().write("more"));
              req.connection().closeHandler(v -> {
                vertx.cancelTimer(timer);
                endlessClosed.complete(null);
              });
            }
            default -> req.response().setStatusCode(500).end("broken");
          }
        })
        .listen(0, "127.0.0.1"));
  }

  @AfterEach
  void stop() throws Exception {
    for (MonitorDriver d : drivers) {
      await(d.close());
    }
    await(server.close());
  }

  @Test
  void status200IsNormal(Vertx vertx) throws Exception {
    assertEquals(MonitorResult.normal(), await(driver(vertx, url("/ok"), null).check()));
  }

  @Test
  void expectStatusCanBeChanged(Vertx vertx) throws Exception {
    MonitorDriver m = driver(vertx, url("/empty"), 204);
    assertEquals(MonitorResult.normal(), await(m.check()));
    assertEquals(MonitorResult.normal(), await(m.check()), "a second check on a fresh connection");
  }

  @Test
  void status500IsAnError(Vertx vertx) throws Exception {
    String url = url("/broken");
    assertEquals(MonitorResult.error(MonitorErrors.HTTP_CHECK, "GET " + url + " answered status 500, expected 200"),
        await(driver(vertx, url, null).check()));
  }

  @Test
  void endlessBodyIsNotReadAndTheConnectionIsDropped(Vertx vertx) throws Exception {
    assertEquals(MonitorResult.normal(), await(driver(vertx, url("/endless"), null).check()));
    endlessClosed.get(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void serverThatNeverAnswersIsAnErrorAfterTheTimeout(Vertx vertx) throws Exception {
    String url = url("/hang");
    MonitorDriver m = new HttpMonitorType().create(MonitorTestSupport.context(vertx, "httpw",
        Duration.ofMillis(500), Map.of("url", url), dir, new NodeServices()));
    drivers.add(m);
    MonitorResult r = await(m.check());
    assertEquals(MonitorErrors.HTTP_CHECK, r.code());
    assertTrue(r.message().startsWith("GET " + url + " failed: "), r.message());
    assertTrue(r.message().contains("500ms"), r.message());
  }

  @Test
  void refusedConnectionIsAnError(Vertx vertx) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/ok";
    MonitorResult r = await(driver(vertx, url, null).check());
    assertEquals(MonitorResult.Status.ERROR, r.status());
    assertEquals(MonitorErrors.HTTP_CHECK, r.code());
    assertTrue(r.message().startsWith("GET " + url + " failed: "), r.message());
    assertTrue(r.message().toLowerCase().contains("refused"), r.message());
  }

  @Test
  void validationNamesTheField() {
    HttpMonitorType t = new HttpMonitorType();
    assertEquals("httpw", t.type());
    assertEquals(List.of("url: must start with http:// or https://"),
        PidMonitorTest.lines(t.validate(Params.of(Map.of("url", "ftp://x/"), "m"))));
    assertEquals(List.of("url: required", "expectStatus: must be a whole number from 100 to 599, not '42'"),
        PidMonitorTest.lines(t.validate(Params.of(Map.of("expectStatus", 42), "m"))));
    assertEquals(List.of("url: must not contain a user name or password"),
        PidMonitorTest.lines(t.validate(Params.of(Map.of("url", "http://u:secret@127.0.0.1/"), "m"))));
    assertEquals(List.of(), PidMonitorTest.lines(t.validate(Params.of(Map.of("url", "https://127.0.0.1:8443/health"), "m"))));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  private MonitorDriver driver(Vertx vertx, String url, Integer expect) {
    Map<String, Object> params = expect == null ? Map.of("url", url) : Map.of("url", url, "expectStatus", expect);
    MonitorDriver d = new HttpMonitorType().create(MonitorTestSupport.context(vertx, "httpw",
        Duration.ofSeconds(5), params, dir, new NodeServices()));
    drivers.add(d);
    return d;
  }
}
