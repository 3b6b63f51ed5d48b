package io.zoneha.engine.heartbeat;

import io.zoneha.engine.group.Claim;
import java.util.Map;

/**
 * A change found by {@link PeerLiveness#evaluate}; {@code link} is -1 for peer-level changes.
 * {@code PEER_RESTARTED} carries the claims of the old process, which died with it.
 */
public record LivenessChange(Kind kind, String peer, int link, Map<String, Claim> claims) {
  public enum Kind { PEER_UP, PEER_DOWN, PEER_RESTARTED, LINK_UP, LINK_DOWN, CLAIMS_CHANGED }
}
