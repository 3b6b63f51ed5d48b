package io.zoneha.engine.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.LocalCodec;
import io.zoneha.engine.bus.WitnessMessages;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ConfigLoader;
import io.zoneha.engine.config.LoadResult;
import io.zoneha.engine.config.NpTarget;
import io.zoneha.engine.spi.TypeRegistry;
import io.zoneha.engine.status.StatusParts;
import io.zoneha.engine.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The witness server over real HTTP on loopback, and a node's witness client talking to it. */
class WitnessServiceTest {
  private static final String SECRET = "witness-test-secret-0123";

  /** Monotonic time the test moves; wall time is real (the replay window needs it). */
  private final AtomicLong mono = new AtomicLong(1_000_000);
  private final Clock clock = new Clock() {
    @Override
    public long monoMillis() {
      return mono.get();
    }

    @Override
    public long wallMillis() {
      return System.currentTimeMillis();
    }
  };
  private final WitnessProtocol protocol = new WitnessProtocol(SECRET);
  private Vertx vertx;
  private HttpClient http;
  private WitnessServerVerticle witness;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    http = vertx.createHttpClient();
    witness = new WitnessServerVerticle(new WitnessServerVerticle.Settings("127.0.0.1", 0, SECRET, null, null), clock);
    vertx.deployVerticle(witness).await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private record Response(int statusCode, String body) {}

  private Response send(HttpMethod method, String path, String body) {
    RequestOptions ro = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(witness.actualPort())
        .setURI(path).setTimeout(5000);
    return http.request(ro).compose(r -> body == null ? r.send() : r.send(body))
        .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), b.toString()))).await();
  }

  private WitnessProtocol.Answer report(String cluster, String server) throws WitnessProtocol.Rejected {
    String nonce = WitnessProtocol.newNonce();
    Response resp = send(HttpMethod.POST, WitnessProtocol.PATH,
        protocol.sealReport(new WitnessProtocol.Report(cluster, server, System.currentTimeMillis(), nonce)));
    assertEquals(200, resp.statusCode());
    return protocol.openAnswer(resp.body(), nonce);
  }

  @Test
  void answersWithTheAgeOfEveryServerOfTheReportersCluster() throws Exception {
    assertEquals(java.util.Map.of("node1", 0L), report("prod", "node1").heardAgo());
    mono.addAndGet(700);
    report("other", "node9");
    WitnessProtocol.Answer a = report("prod", "node2");
    assertEquals(java.util.Map.of("node1", 700L, "node2", 0L), a.heardAgo());
    assertEquals(700, a.uptime());
  }

  @Test
  void refusesForgedReplayedAndMalformedRequests() {
    String body = protocol.sealReport(new WitnessProtocol.Report("prod", "node1", System.currentTimeMillis(), "n-1"));
    assertEquals(200, send(HttpMethod.POST, WitnessProtocol.PATH, body).statusCode());
    assertEquals(401, send(HttpMethod.POST, WitnessProtocol.PATH, body).statusCode(), "replay");
    String stale = protocol.sealReport(new WitnessProtocol.Report("prod", "node1",
        System.currentTimeMillis() - WitnessProtocol.MAX_SKEW_MS - 1000, "n-2"));
    assertEquals(401, send(HttpMethod.POST, WitnessProtocol.PATH, stale).statusCode(), "old timestamp");
    String forged = new WitnessProtocol("not-the-cluster-secret-42").sealReport(
        new WitnessProtocol.Report("prod", "node2", System.currentTimeMillis(), "n-3"));
    assertEquals(401, send(HttpMethod.POST, WitnessProtocol.PATH, forged).statusCode(), "wrong secret");
    assertEquals(401, send(HttpMethod.POST, WitnessProtocol.PATH, "hello").statusCode(), "unsigned");
    assertEquals(405, send(HttpMethod.GET, WitnessProtocol.PATH, null).statusCode());
    assertEquals(404, send(HttpMethod.POST, "/", body).statusCode());
    assertEquals(413, send(HttpMethod.POST, WitnessProtocol.PATH, "x".repeat(WitnessProtocol.MAX_BODY + 1)).statusCode());
  }

  @Test
  void aNodesWitnessClientReportsAndKnowsHowLongThePeerHasBeenSilent() throws Exception {
    LocalCodec.register(vertx, WitnessMessages.Query.class, WitnessMessages.View.class, StatusParts.Witness.class);
    ClusterConfig config = config(witness.actualPort());
    NpTarget.Witness target = (NpTarget.Witness) config.np().get(0);
    WitnessMessages.View before = query();
    assertEquals(Long.MAX_VALUE, before.contactAge(), "nothing known before the first answer");
    vertx.deployVerticle(new WitnessVerticle(config, "node1", target, clock)).await();
    mono.addAndGet(50);
    report("prod", "node2");
    WitnessMessages.View v = awaitView(x -> x.silenceOf("node1") < Long.MAX_VALUE && x.silenceOf("node1") <= 50);
    assertTrue(v.contactAge() < 3000, v.toString());
    // node2 reported 50 ms of test time after the witness started; the client's view grows with time
    mono.addAndGet(1000);
    WitnessMessages.View later = query();
    assertTrue(later.silenceOf("node2") >= 1000, later.toString());
    assertTrue(later.contactAge() >= 1000, later.toString());
  }

  @Test
  void servesHttpsWithTheGivenCertificateAndNoPlainHttp() throws Exception {
    io.vertx.core.net.SelfSignedCertificate cert = io.vertx.core.net.SelfSignedCertificate.create("127.0.0.1");
    try {
      WitnessServerVerticle tls = new WitnessServerVerticle(new WitnessServerVerticle.Settings("127.0.0.1", 0, SECRET,
          cert.certificatePath(), cert.privateKeyPath()), clock);
      vertx.deployVerticle(tls).await();
      HttpClient https = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setSsl(true).setTrustAll(true)
          .setVerifyHost(false));
      String nonce = WitnessProtocol.newNonce();
      String body = protocol.sealReport(new WitnessProtocol.Report("prod", "node1", System.currentTimeMillis(), nonce));
      RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(tls.actualPort())
          .setURI(WitnessProtocol.PATH).setTimeout(5000);
      String answer = https.request(ro).compose(r -> r.send(body)).compose(r -> r.body()).await().toString();
      assertEquals(java.util.Map.of("node1", 0L), protocol.openAnswer(answer, nonce).heardAgo());
      boolean plainFailed = http.request(new RequestOptions(ro).setTimeout(1000)).compose(r -> r.send(body)).map(r -> false).otherwise(e -> true).await();
      assertTrue(plainFailed, "no plain HTTP on the TLS port");
    } finally {
      cert.delete();
    }
  }

  private WitnessMessages.View query() {
    return vertx.eventBus().<WitnessMessages.View>request(Addresses.WITNESS_QUERY, new WitnessMessages.Query())
        .map(m -> m.body()).otherwise(e -> new WitnessMessages.View(Long.MAX_VALUE, java.util.Map.of(), "none")).await();
  }

  private WitnessMessages.View awaitView(java.util.function.Predicate<WitnessMessages.View> ok) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    WitnessMessages.View v = query();
    while (!ok.test(v)) {
      assertTrue(System.nanoTime() < deadline, "witness client never got an answer: " + v);
      Thread.sleep(20);
      v = query();
    }
    return v;
  }

  private static ClusterConfig config(int port) {
    LoadResult r = new ConfigLoader(new TypeRegistry(List.of(), List.of())).parse("""
        cluster: {name: prod, secret: %s}
        servers:
          - {name: node1, interconnects: [127.0.0.1]}
          - {name: node2, interconnects: [127.0.0.2]}
        heartbeat: {interval: 100ms, timeout: 3s}
        np: [{type: witness, target: 127.0.0.1, port: %d, timeout: 2s}]
        """.formatted(SECRET, port), "witness-test.yaml");
    return r.config().orElseThrow(() -> new AssertionError(r.problems()));
  }
}
