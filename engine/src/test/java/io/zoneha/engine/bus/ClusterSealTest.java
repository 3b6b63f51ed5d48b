package io.zoneha.engine.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ClusterSealTest {
  private final ClusterSeal seal = new ClusterSeal("secret-one-secret-one");

  @Test
  void roundTrip() {
    JsonObject j = new JsonObject().put("type", "command").put("group", "failover1");
    assertEquals(j, seal.open(seal.seal(j)));
  }

  @Test
  void forgedAlteredOrUnsignedMessagesAreRejected() {
    String other = new ClusterSeal("secret-two-secret-two").seal(new JsonObject().put("a", 1));
    assertThrows(SecurityException.class, () -> seal.open(other));
    String good = seal.seal(new JsonObject().put("group", "g1"));
    assertThrows(SecurityException.class, () -> seal.open(good.replace("g1", "g2")));
    assertThrows(SecurityException.class, () -> seal.open("{\"a\":1}"));
    assertThrows(SecurityException.class, () -> seal.open(new JsonObject()));
  }
}
