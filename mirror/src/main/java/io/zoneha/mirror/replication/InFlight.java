package io.zoneha.mirror.replication;

import io.zoneha.mirror.protocol.Frame;
import java.util.concurrent.CompletableFuture;

/**
 * One frame to or at the peer. A foreground sync request completes when both the local and the
 * peer side are done; async and resync frames have no caller waiting ({@code done} is null).
 */
final class InFlight {
  final long id;
  final int bytes;
  final int resyncChunk;
  Frame frame;
  CompletableFuture<Void> done;
  boolean localDone;
  boolean peerDone;
  long sentAtNanos;

  InFlight(Frame frame, int bytes, int resyncChunk, CompletableFuture<Void> done) {
    this.id = frame.requestId();
    this.frame = frame;
    this.bytes = bytes;
    this.resyncChunk = resyncChunk;
    this.done = done;
  }

  /** A frame with no local half (resync, control, verify): a caller, if any, waits only for the peer. */
  static InFlight peerOnly(Frame frame, int bytes, int resyncChunk, CompletableFuture<Void> done) {
    InFlight rf = new InFlight(frame, bytes, resyncChunk, done);
    rf.localDone = true;
    return rf;
  }

  void markLocalDone() {
    localDone = true;
    maybeComplete();
  }

  void markPeerDone() {
    peerDone = true;
    maybeComplete();
  }

  private void maybeComplete() {
    if (done != null && localDone && peerDone) {
      done.complete(null);
      done = null;
    }
  }
}
