package io.zoneha.mirror.resource;

import io.zoneha.mirror.replication.MirrorStats;
import io.zoneha.mirror.replication.PeerState;
import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.DiskState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The status details of one mirror copy as plain values (the {@code mirrors} list of the cluster
 * status). Pure: built from a stats snapshot and the pause flag.
 */
public final class MirrorDetails {
  private MirrorDetails() {}

  public static Map<String, Object> of(MirrorStats s, boolean paused) {
    Map<String, Object> m = new LinkedHashMap<>();
    String peer = peerLabel(s, paused);
    boolean splitBrain = s.peerState() == PeerState.SPLIT_BRAIN;
    boolean upToDate = s.diskState() == DiskState.UP_TO_DATE && s.peerState() == PeerState.STREAMING;
    m.put("state", splitBrain ? "split-brain" : upToDate ? "up-to-date" : peer);
    m.put("upToDate", upToDate);
    m.put("role", s.role() == DiskRole.PRIMARY ? "primary" : "secondary");
    m.put("diskState", label(s.diskState().name()));
    m.put("peerState", peer);
    m.put("mode", label(s.mode().name()));
    m.put("syncPercent", Math.floor(s.syncPercent() * 10) / 10.0);
    if (s.peerState() == PeerState.SYNC_SOURCE || s.peerState() == PeerState.SYNC_TARGET) {
      m.put("syncDirection", s.peerState() == PeerState.SYNC_SOURCE ? "source" : "target");
    }
    m.put("dirtyBytes", s.dirtyBytes());
    m.put("lagBytes", s.lagBytes());
    m.put("splitBrain", splitBrain);
    m.put("paused", paused);
    if (!s.lastProblem().isEmpty()) {
      m.put("lastProblem", s.lastProblem());
    }
    return m;
  }

  /** connecting, full-sync, resync, streaming, disconnected, paused, split-brain or refused. */
  static String peerLabel(MirrorStats s, boolean paused) {
    return switch (s.peerState()) {
      case DISCONNECTED -> paused ? "paused" : "disconnected";
      case CONNECTING, HANDSHAKE -> paused ? "paused" : "connecting";
      case SYNC_SOURCE, SYNC_TARGET -> s.fullSync() ? "full-sync" : "resync";
      case STREAMING -> "streaming";
      case SPLIT_BRAIN -> "split-brain";
      case REFUSED -> "refused";
    };
  }

  private static String label(String enumName) {
    return enumName.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** A copy that is still opening, or could not be opened. */
  public static Map<String, Object> unavailable(String state, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", state);
    m.put("upToDate", false);
    if (message != null && !message.isEmpty()) {
      m.put("lastProblem", message);
    }
    return m;
  }
}
