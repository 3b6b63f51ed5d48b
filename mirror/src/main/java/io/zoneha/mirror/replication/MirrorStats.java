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
    String lastProblem) {

  /** 0..100; 100 when no resync is running. */
  public double syncPercent() {
    return syncTotalBytes == 0 ? 100.0 : 100.0 * syncDoneBytes / syncTotalBytes;
  }
}
