package io.zoneha.mirror.replication;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The state of the link to the peer, with its explicit transition table. */
public enum PeerState {
  DISCONNECTED,
  CONNECTING,
  HANDSHAKE,
  /** This copy sends the blocks the peer lacks. */
  SYNC_SOURCE,
  /** This copy receives blocks; it is INCONSISTENT until the resync ends. */
  SYNC_TARGET,
  STREAMING,
  /** Both copies were written independently; the link stays down until the operator chooses. */
  SPLIT_BRAIN,
  /** The copies cannot be paired; the link stays down until the operator acts. */
  REFUSED;

  private static final Map<PeerState, Set<PeerState>> ALLOWED = Map.of(
      DISCONNECTED, EnumSet.of(CONNECTING, HANDSHAKE),
      CONNECTING, EnumSet.of(HANDSHAKE, DISCONNECTED),
      HANDSHAKE, EnumSet.of(SYNC_SOURCE, SYNC_TARGET, STREAMING, SPLIT_BRAIN, REFUSED, DISCONNECTED),
      SYNC_SOURCE, EnumSet.of(STREAMING, DISCONNECTED),
      SYNC_TARGET, EnumSet.of(STREAMING, DISCONNECTED),
      STREAMING, EnumSet.of(DISCONNECTED),
      SPLIT_BRAIN, EnumSet.of(DISCONNECTED),
      REFUSED, EnumSet.of(DISCONNECTED));

  public boolean canMoveTo(PeerState next) {
    return ALLOWED.get(this).contains(next);
  }

  /** Returns {@code next}, or fails loudly on a move the table does not allow (a bug). */
  public PeerState moveTo(PeerState next) {
    if (this == next) {
      return this;
    }
    if (!canMoveTo(next)) {
      throw new IllegalStateException("illegal peer state transition " + this + " -> " + next);
    }
    return next;
  }

  public boolean connected() {
    return this == SYNC_SOURCE || this == SYNC_TARGET || this == STREAMING;
  }
}
