package io.zoneha.mirror.replication;

import io.zoneha.mirror.protocol.Frame;
import io.zoneha.mirror.protocol.FrameType;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Clears the dirty bitmap once the peer provably has everything: after a quiet period with
 * nothing in flight, a FLUSH goes through the stream, and when its acknowledgement arrives with
 * still no write in between, every block the bitmap tracked is on both disks. Mirror thread only.
 */
final class BitmapCleaner {
  private final Replicator r;
  /** The FLUSH whose acknowledgement clears the bitmap, or -1. */
  private long requestId = -1;
  /** The replicator's write count when that FLUSH was sent. */
  private long seq;
  private boolean scheduled;

  BitmapCleaner(Replicator r) {
    this.r = r;
  }

  void schedule() {
    if (scheduled || requestId >= 0 || r.peerState != PeerState.STREAMING
        || r.meta.bitmap().count() == 0 || !r.window.isEmpty()) {
      return;
    }
    scheduled = true;
    long seqNow = r.writeSeq;
    r.thread.schedule(() -> start(seqNow), r.settings.cleanDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Cleans only after a whole quiet period: under steady load the bits simply stay set. */
  private void start(long seqWhenScheduled) {
    scheduled = false;
    if (r.writeSeq != seqWhenScheduled) {
      schedule();
      return;
    }
    if (r.peerState != PeerState.STREAMING || r.meta.bitmap().count() == 0 || !r.window.isEmpty()) {
      return;
    }
    requestId = r.nextId();
    seq = r.writeSeq;
    r.window.add(InFlight.peerOnly(Frame.of(FrameType.FLUSH, requestId), 0, -1, null));
    r.pump();
  }

  /** The peer acknowledged the FLUSH {@code id}; it may be the one this cleaner waits for. */
  void flushAcked(long id) {
    if (id == requestId) {
      finish();
    }
  }

  private void finish() {
    requestId = -1;
    if (r.writeSeq != seq || r.peerState != PeerState.STREAMING) {
      return;
    }
    try {
      r.data.flush();
    } catch (IOException e) {
      // the bits stay set: a later quiet period tries again
      return;
    }
    r.meta.bitmap().clearAll();
    r.meta.persistBitmap();
    r.publish();
  }

  /** The session ended: an outstanding FLUSH will never be acknowledged. */
  void sessionEnded() {
    requestId = -1;
  }
}
