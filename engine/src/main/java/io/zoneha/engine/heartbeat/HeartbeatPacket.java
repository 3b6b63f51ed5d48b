package io.zoneha.engine.heartbeat;

import io.zoneha.engine.group.Claim;
import java.util.Map;

/**
 * One heartbeat datagram: who sends it, on which interconnect, in which life of the process
 * ({@code incarnation}, the start time in ms) with which sequence number, the highest sequence
 * number the sender has accepted from the addressee ({@code ackSeq}, proof that the packet was
 * sent after the addressee's recent heartbeats), and what groups the sender claims.
 * {@code flags} bit 0 = the sender is isolated.
 */
public record HeartbeatPacket(
    String sender,
    int link,
    long incarnation,
    long seq,
    long ackSeq,
    String configFingerprint,
    int flags,
    Map<String, Claim> claims) {

  public static final int FLAG_ISOLATED = 1;

  public HeartbeatPacket {
    claims = Map.copyOf(claims);
  }

  public boolean isolated() {
    return (flags & FLAG_ISOLATED) != 0;
  }
}
