package io.zoneha.engine.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.group.Claim;
import io.zoneha.engine.group.GroupState;
import io.zoneha.engine.heartbeat.HeartbeatCodec.MalformedHeartbeat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatCodecTest {
  private final HeartbeatCodec codec = new HeartbeatCodec("a-cluster-secret-of-some-length");
  private final HeartbeatPacket packet = new HeartbeatPacket("node1", 1, 1700000000000L, 42, 40, "0123456789abcdef",
      HeartbeatPacket.FLAG_ISOLATED, Map.of("failover1", new Claim(GroupState.ONLINE, 7)));

  @Test
  void roundTrip() {
    assertEquals(packet, codec.decode(codec.encode(packet)));
  }

  @Test
  void aPacketSignedWithAnotherSecretIsRejected() {
    byte[] forged = new HeartbeatCodec("another-secret-entirely").encode(packet);
    MalformedHeartbeat e = assertThrows(MalformedHeartbeat.class, () -> codec.decode(forged));
    assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
  }

  @Test
  void everySingleFlippedByteIsDetected() {
    byte[] good = codec.encode(packet);
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x01;
      assertThrows(MalformedHeartbeat.class, () -> codec.decode(bad), "flip at byte " + i);
    }
  }

  @Test
  void badMagicNamesTheByte() {
    byte[] bad = codec.encode(packet);
    bad[0] = 'X';
    MalformedHeartbeat e = assertThrows(MalformedHeartbeat.class, () -> codec.decode(bad));
    assertTrue(e.getMessage().contains("at byte 0"), e.getMessage());
  }

  @Test
  void truncatedAndTinyDatagramsAreRejected() {
    byte[] good = codec.encode(packet);
    for (int len = 0; len < good.length; len++) {
      byte[] cut = java.util.Arrays.copyOf(good, len);
      assertThrows(MalformedHeartbeat.class, () -> codec.decode(cut), "length " + len);
    }
  }
}
