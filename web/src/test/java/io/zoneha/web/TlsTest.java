package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ManagementConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With management.tls the port speaks HTTPS only, and session cookies are Secure. */
@ExtendWith(VertxExtension.class)
class TlsTest {
  @Test
  void httpsWithTheConfiguredCertificate(Vertx vertx) throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create("127.0.0.1");
    try {
      ClusterConfig plain = ApiFixture.config();
      ClusterConfig c = new ClusterConfig(plain.name(), plain.secret(), plain.servers(), plain.heartbeat(), plain.np(),
          new ManagementConfig(plain.management().users(),
              new ManagementConfig.Tls(cert.certificatePath(), cert.privateKeyPath())),
          plain.aws(), plain.groups(), plain.monitors(), plain.fingerprint());
      vertx.eventBus().localConsumer(io.zoneha.engine.bus.Addresses.STATUS_QUERY,
          m -> m.reply(ApiFixture.statusJson("node1")));
      ManagementApiVerticle api = new ManagementApiVerticle(c, "node1", null, text -> null);
      vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get();
      io.vertx.core.http.HttpClient https = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
          .setTrustAll(true).setVerifyHost(false).setDefaultHost("127.0.0.1").setDefaultPort(api.actualPort()));
      HttpClientResponse status = https.request(new RequestOptions().setURI("/api/v1/status")
          .putHeader("Authorization", ApiFixture.bearer())).compose(r -> r.send()).toCompletionStage()
          .toCompletableFuture().get();
      assertEquals(200, status.statusCode());
      HttpClientResponse login = https.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/login"))
          .compose(r -> r.send("{\"user\":\"alice\",\"password\":\"alice-pw\"}")).toCompletionStage()
          .toCompletableFuture().get();
      assertEquals(200, login.statusCode());
      assertTrue(login.cookies().get(0).contains("Secure"), login.cookies().toString());
      HttpClient plainHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      assertThrows(IOException.class, () -> plainHttp.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + api.actualPort() + "/api/v1/status")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()), "no plain HTTP on a TLS port");
    } finally {
      cert.delete();
    }
  }
}
