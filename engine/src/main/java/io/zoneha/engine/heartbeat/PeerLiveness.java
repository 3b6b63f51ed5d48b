package io.zoneha.engine.heartbeat;

import io.zoneha.engine.group.Claim;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which peers and interconnects are alive, from accepted heartbeats. Pure: the caller passes the
 * time. A peer is down only when every interconnect has been silent for the timeout; a peer that
 * the cluster manager reported gone ({@link #suspect}) is down after a shorter silence.
 */
public final class PeerLiveness {
  private final long timeoutMs;
  private final long suspectTimeoutMs;
  private final Map<String, Peer> peers = new LinkedHashMap<>();

  public PeerLiveness(List<String> peerNames, int links, long timeoutMs, long suspectTimeoutMs) {
    this.timeoutMs = timeoutMs;
    this.suspectTimeoutMs = suspectTimeoutMs;
    for (String name : peerNames) {
      peers.put(name, new Peer(links));
    }
  }

  /** Why a heartbeat was or was not taken into account. */
  public enum Verdict { ACCEPTED, UNKNOWN_SENDER, WRONG_LINK, REPLAYED, OLD_INCARNATION, SENT_BEFORE_DOWN }

  public Verdict accept(HeartbeatPacket p, int arrivedOnLink, long now) {
    Peer peer = peers.get(p.sender());
    if (peer == null) {
      return Verdict.UNKNOWN_SENDER;
    }
    if (p.link() != arrivedOnLink || p.link() >= peer.lastHeard.length) {
      return Verdict.WRONG_LINK;
    }
    if (p.incarnation() < peer.incarnation) {
      return Verdict.OLD_INCARNATION;
    }
    if (p.incarnation() > peer.incarnation) {
      peer.restarted = peer.up;
      peer.incarnation = p.incarnation();
      peer.highestSeq = -1;
      Arrays.fill(peer.lastSeq, -1);
    }
    if (p.seq() <= peer.lastSeq[p.link()]) {
      return Verdict.REPLAYED;
    }
    if (!peer.up && p.ackSeq() <= peer.downMark) {
      // sent before the peer saw our heartbeats after we declared it down: a late datagram from a
      // process that may be dead by now must not bring it back
      return Verdict.SENT_BEFORE_DOWN;
    }
    peer.lastSeq[p.link()] = p.seq();
    peer.highestSeq = Math.max(peer.highestSeq, p.seq());
    peer.lastHeard[p.link()] = now;
    peer.isolated = p.isolated();
    peer.fingerprint = p.configFingerprint();
    if (peer.restarted) {
      peer.lostClaims = peer.claims;
    }
    if (!p.claims().equals(peer.claims)) {
      peer.claims = p.claims();
      peer.claimsDirty = true;
    }
    return Verdict.ACCEPTED;
  }

  /** The cluster manager lost its connection to this peer: a shorter silence is enough. */
  public void suspect(String peer) {
    Peer p = peers.get(peer);
    if (p != null) {
      p.suspected = true;
    }
  }

  /**
   * This process itself was not running for a while (stopped, swapped, long GC). Silence seen
   * now says nothing about the peers, so every peer gets a fresh timeout window.
   */
  public void resumedAfterPause(long now) {
    for (Peer p : peers.values()) {
      for (int i = 0; i < p.lastHeard.length; i++) {
        if (p.lastHeard[i] >= 0) {
          p.lastHeard[i] = Math.max(p.lastHeard[i], now);
        }
      }
    }
  }

  /**
   * The changes since the last call; call it on every tick. {@code mySeq} is the sequence number
   * of our latest heartbeat: a peer declared down now must acknowledge a later one to come back.
   */
  public List<LivenessChange> evaluate(long now, long mySeq) {
    List<LivenessChange> changes = new ArrayList<>();
    peers.forEach((name, p) -> evaluatePeer(name, p, now, mySeq, changes));
    return changes;
  }

  /** The highest sequence number accepted from the peer, for the acknowledgement we send it. */
  public long ackFor(String peer) {
    Peer p = peers.get(peer);
    return p == null ? -1 : p.highestSeq;
  }

  private void evaluatePeer(String name, Peer p, long now, long mySeq, List<LivenessChange> changes) {
    boolean anyUp = false;
    for (int link = 0; link < p.lastHeard.length; link++) {
      long limit = p.suspected ? suspectTimeoutMs : timeoutMs;
      boolean up = p.lastHeard[link] >= 0 && now - p.lastHeard[link] < limit;
      anyUp |= up;
      if (up != p.linkUp[link]) {
        p.linkUp[link] = up;
        changes.add(new LivenessChange(up ? LivenessChange.Kind.LINK_UP : LivenessChange.Kind.LINK_DOWN, name, link, p.claims));
      }
    }
    if (anyUp != p.up) {
      p.up = anyUp;
      p.suspected = false;
      changes.add(new LivenessChange(anyUp ? LivenessChange.Kind.PEER_UP : LivenessChange.Kind.PEER_DOWN, name, -1, p.claims));
      if (!anyUp) {
        p.downMark = mySeq;
        // a dead peer holds nothing any more once its groups are taken over
        p.claimsDirty = false;
        return;
      }
    }
    if (p.up && p.restarted) {
      // the old process is gone with whatever it held; report that before the new one
      p.restarted = false;
      p.claimsDirty = false;
      changes.add(new LivenessChange(LivenessChange.Kind.PEER_RESTARTED, name, -1, p.lostClaims));
      changes.add(new LivenessChange(LivenessChange.Kind.CLAIMS_CHANGED, name, -1, p.claims));
      return;
    }
    if (p.up && p.claimsDirty) {
      p.claimsDirty = false;
      changes.add(new LivenessChange(LivenessChange.Kind.CLAIMS_CHANGED, name, -1, p.claims));
    }
  }

  public boolean isUp(String peer) {
    Peer p = peers.get(peer);
    return p != null && p.up;
  }

  public boolean isLinkUp(String peer, int link) {
    Peer p = peers.get(peer);
    return p != null && p.linkUp[link];
  }

  public boolean everHeard(String peer) {
    Peer p = peers.get(peer);
    return p != null && Arrays.stream(p.lastHeard).anyMatch(t -> t >= 0);
  }

  public boolean isIsolatedPeer(String peer) {
    Peer p = peers.get(peer);
    return p != null && p.isolated;
  }

  public Map<String, Claim> claims(String peer) {
    Peer p = peers.get(peer);
    return p == null ? Map.of() : p.claims;
  }

  public String fingerprint(String peer) {
    Peer p = peers.get(peer);
    return p == null ? null : p.fingerprint;
  }

  private static final class Peer {
    final long[] lastHeard;
    final long[] lastSeq;
    final boolean[] linkUp;
    long incarnation = Long.MIN_VALUE;
    long highestSeq = -1;
    long downMark = Long.MIN_VALUE;
    boolean up;
    boolean suspected;
    boolean isolated;
    boolean claimsDirty;
    boolean restarted;
    String fingerprint;
    Map<String, Claim> claims = Map.of();
    Map<String, Claim> lostClaims = Map.of();

    Peer(int links) {
      lastHeard = new long[links];
      lastSeq = new long[links];
      linkUp = new boolean[links];
      Arrays.fill(lastHeard, -1);
      Arrays.fill(lastSeq, -1);
    }
  }
}
