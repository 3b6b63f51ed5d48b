package io.zoneha.engine.bus;

import io.zoneha.engine.group.Claim;
import java.util.Map;

/** Messages about who is in the cluster, published on {@link Addresses#MEMBERSHIP}. */
public final class Membership {
  private Membership() {}

  public sealed interface Event {}

  /** The peer is down on every interconnect and NP resolution confirmed we are not cut off. */
  public record PeerLost(String peer, Map<String, Claim> lastClaims) implements Event {}

  /** The peer is heard again (or for the first time), with what it claims now. */
  public record PeerJoined(String peer, Map<String, Claim> claims) implements Event {}

  public record ClaimsChanged(String peer, Map<String, Claim> claims) implements Event {}

  /** {@code isolated} true: no NP target reachable; false: back in touch. */
  public record Isolation(boolean isolated, String reason) implements Event {}

  public record StartupComplete(String reason) implements Event {}

  /** The cluster manager saw this peer leave. */
  public record Suspect(String peer) {}
}
