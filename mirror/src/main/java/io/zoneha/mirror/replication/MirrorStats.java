package io.zoneha.mirror.replication;

import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.DiskState;

/**
 * A consistent snapshot of one mirror, published by the mirror thread.
 *
 * @param fullSync the current (or last) resync copies every block (initial copy or no usable bitmap)
 * @param syncTotalBytes bytes to copy in the current (or last) resync
 * @param syncDoneBytes bytes of it already acknowledged by the target
 * @param lagBytes async mode: bytes written locally and not yet acknowledged by the peer
 * @param resyncBytesSent payload bytes of resync frames sent since start (all resyncs)
 * @param lastProblem the last decision or error that needs an operator, or empty
 * @param peerRole the role the peer last announced in this session; null without a session
 */
public record MirrorStats(
    DiskRole role,
    DiskState diskState,
    PeerState peerState,
    boolean fullSync,
    MirrorMode mode,
    long dirtyBytes,
    long syncTotalBytes,
    long syncDoneBytes,
    long lagBytes,
    long resyncBytesSent,
    long replicatedBytesSent,
    String lastProblem,
    DiskRole peerRole) {

  public MirrorStats(DiskRole role, DiskState diskState, PeerState peerState, boolean fullSync, MirrorMode mode,
      long dirtyBytes, long syncTotalBytes, long syncDoneBytes, long lagBytes, long resyncBytesSent,
      long replicatedBytesSent, String lastProblem) {
    this(role, diskState, peerState, fullSync, mode, dirtyBytes, syncTotalBytes, syncDoneBytes, lagBytes,
        resyncBytesSent, replicatedBytesSent, lastProblem, null);
  }

  /** 0..100; 100 when no resync is running. */
  public double syncPercent() {
    return syncTotalBytes == 0 ? 100.0 : 100.0 * syncDoneBytes / syncTotalBytes;
  }
}
