package io.zoneha.resources.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many admin calls over one pooled keep-alive client. */
@ExtendWith(VertxExtension.class)
class AdminKeepAliveTest {
  @Test
  void manySequentialAdminCallsOnKeepAliveConnections(Vertx vertx) {
    AwsEmulator emu = EmulatorFixture.start(vertx);
    HttpClient http = vertx.createHttpClient();
    try {
      for (int i = 0; i < 20; i++) {
        HttpMethod m = i % 2 == 0 ? HttpMethod.POST : HttpMethod.GET;
        Buffer body = m == HttpMethod.POST
            ? new JsonObject().put("action", "DescribeVpcs").put("latencyMs", 0).toBuffer() : Buffer.buffer();
        int status = http.request(m, emu.port(), "127.0.0.1", m == HttpMethod.POST ? "/_admin/faults" : "/_admin/state")
            .compose(r -> r.send(body)).compose(r -> r.body().map(b -> r.statusCode())).await();
        assertEquals(200, status, "call " + i);
      }
    } finally {
      http.close().await();
      emu.close().await();
    }
  }
}
