package io.zoneha.mirror.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerStateTest {
  /** Written independently of the table in PeerState: the moves the design allows. */
  private static final Set<String> ALLOWED = Set.of(
      "DISCONNECTED>CONNECTING", "DISCONNECTED>HANDSHAKE",
      "CONNECTING>HANDSHAKE", "CONNECTING>DISCONNECTED",
      "HANDSHAKE>SYNC_SOURCE", "HANDSHAKE>SYNC_TARGET", "HANDSHAKE>STREAMING",
      "HANDSHAKE>SPLIT_BRAIN", "HANDSHAKE>REFUSED", "HANDSHAKE>DISCONNECTED",
      "SYNC_SOURCE>STREAMING", "SYNC_SOURCE>DISCONNECTED",
      "SYNC_TARGET>STREAMING", "SYNC_TARGET>DISCONNECTED",
      "STREAMING>DISCONNECTED",
      "SPLIT_BRAIN>DISCONNECTED", "REFUSED>DISCONNECTED");

  @Test
  void tableMatchesTheIndependentList() {
    for (PeerState from : PeerState.values()) {
      for (PeerState to : PeerState.values()) {
        if (from == to) {
          continue;
        }
        boolean expected = ALLOWED.contains(from + ">" + to);
        assertEquals(expected, from.canMoveTo(to), from + " -> " + to);
        if (!expected) {
          IllegalStateException e = assertThrows(IllegalStateException.class, () -> from.moveTo(to));
          assertEquals("illegal peer state transition " + from + " -> " + to, e.getMessage());
        }
      }
    }
  }
}
