package io.zoneha.mirror.replication;

import io.zoneha.mirror.protocol.Frame;
import io.zoneha.mirror.protocol.FrameType;
import io.zoneha.mirror.storage.DirtyBitmap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One online verify run on the primary: chunk checksums go to the peer in batches, a few
 * outstanding at once, and the chunks the peer reports as different are collected until every
 * chunk was answered. Mirror thread only; the {@link Replicator} paces the batches.
 */
final class VerifyRun {
  private final Replicator r;
  private final CompletableFuture<List<OnlineVerify.Range>> done;
  /** Outstanding VERIFY frames: request id to the first chunk the frame covers. */
  private final Map<Long, Integer> pending = new HashMap<>();
  private final List<Integer> differing = new ArrayList<>();
  private int nextChunk;

  VerifyRun(Replicator r, CompletableFuture<List<OnlineVerify.Range>> done) {
    this.r = r;
    this.done = done;
  }

  /** Queues the next VERIFY frame; false when the run waits for answers or has sent every chunk. */
  boolean sendBatch() {
    DirtyBitmap bm = r.meta.bitmap();
    int n = Math.min(OnlineVerify.batchChunks(bm.granularity()), bm.chunks() - nextChunk);
    if (pending.size() >= OnlineVerify.MAX_PENDING || n <= 0) {
      return false;
    }
    Frame f = new Frame(FrameType.VERIFY, 0, r.nextId(), bm.chunkOffset(nextChunk),
        OnlineVerify.checksums(r.data, bm, nextChunk, n));
    pending.put(f.requestId(), nextChunk);
    nextChunk += n;
    r.window.add(InFlight.peerOnly(f, 0, -1, null));
    return true;
  }

  /** Completes the run once every chunk was sent and answered; true when it did. */
  boolean completeIfAnswered() {
    DirtyBitmap bm = r.meta.bitmap();
    if (nextChunk < bm.chunks() || !pending.isEmpty()) {
      return false;
    }
    done.complete(OnlineVerify.ranges(differing, bm));
    return true;
  }

  /** Records the peer's VERIFY_RESULT; false when this run did not send the frame it answers. */
  boolean answered(Frame f) {
    Integer first = pending.remove(f.requestId());
    if (first == null) {
      return false;
    }
    while (f.payload().readableBytes() >= 4) {
      differing.add(first + f.payload().readInt());
    }
    return true;
  }

  void fail(String reason) {
    done.completeExceptionally(new MirrorIoException(MirrorIoException.Kind.CLOSED,
        r.name + ": the session ended during verify (" + reason + ")"));
  }
}
