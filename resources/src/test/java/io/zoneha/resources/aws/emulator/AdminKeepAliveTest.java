package io.zoneha.resources.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many admin calls in a row over the JDK client's pooled keep-alive connection. */
@ExtendWith(VertxExtension.class)
class AdminKeepAliveTest {
  @Test
  void manySequentialAdminCalls(Vertx vertx) {
    AwsEmulator emu = EmulatorFixture.start(vertx);
    try {
      for (int i = 0; i < 20; i++) {
        JsonObject r = i % 2 == 0
            ? AdminClient.admin(emu, "POST", "faults", new JsonObject().put("action", "DescribeVpcs"))
            : AdminClient.admin(emu, "GET", "state", null);
        assertEquals(200, r.getInteger("status"), "call " + i + ": " + r);
      }
      assertEquals(10, new io.vertx.core.json.JsonArray(AdminClient.admin(emu, "GET", "faults", null)
          .getString("body")).size());
    } finally {
      emu.close().await();
    }
  }
}
