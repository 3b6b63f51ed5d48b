package io.zoneha.mirror.replication;

import io.netty.buffer.Unpooled;
import io.zoneha.mirror.protocol.Frame;
import io.zoneha.mirror.protocol.FrameType;
import io.zoneha.mirror.storage.DiskRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreground path of a primary: writes, zeroes and flushes from any thread queue up and are
 * drained on the mirror thread in batches, so that one bitmap fsync covers all writes of a batch
 * (activity-log style). Each write goes to the peer and to the local copy; its future completes
 * when both are done (sync mode) or when the local one is (async mode, or without the peer).
 */
final class WritePath {
  private static final Logger LOG = LoggerFactory.getLogger(WritePath.class);

  private final Replicator r;
  private final ResyncSender resync;
  private final Queue<Op> ops = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();

  WritePath(Replicator r, ResyncSender resync) {
    this.r = r;
    this.resync = resync;
  }

  /** Any thread: queues {@code op}; one drain task takes everything queued until it runs. */
  CompletableFuture<Void> submit(Op op) {
    ops.add(op);
    if (drainScheduled.compareAndSet(false, true)) {
      r.thread.execute(this::drain);
    }
    return op.done();
  }

  private void drain() {
    drainScheduled.set(false);
    List<Op> batch = new ArrayList<>();
    for (Op op = ops.poll(); op != null; op = ops.poll()) {
      if (admit(op)) {
        batch.add(op);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      if (!r.peerInSync && r.role() == DiskRole.PRIMARY) {
        r.ensureDiverged();
      }
      // the bits of every write in the batch are durable before any of them reaches the disk
      r.meta.persistBitmap();
      r.publish();
    } catch (UncheckedIOException e) {
      r.lastProblem = "cluster partition write failed: " + e.getMessage();
      batch.forEach(op -> fail(op, new MirrorIoException(MirrorIoException.Kind.IO_ERROR, r.lastProblem, e)));
      r.publish();
      return;
    }
    executeBatch(batch);
    r.pump();
    r.publish();
  }

  /**
   * Runs a batch in order. Between flushes, every write's frame goes to the peer before this thread
   * writes the local copy, so the peer works on its copy at the same time instead of after it (the
   * caller's future still waits for both). A flush keeps its place: local flush, then its frame.
   */
  private void executeBatch(List<Op> batch) {
    int i = 0;
    while (i < batch.size()) {
      if (batch.get(i) instanceof Op.Flush f) {
        executeFlush(f);
        i++;
        continue;
      }
      int end = i;
      while (end < batch.size() && !(batch.get(end) instanceof Op.Flush)) {
        end++;
      }
      InFlight[] sent = new InFlight[end - i];
      for (int k = i; k < end; k++) {
        sent[k - i] = begin(batch.get(k));
      }
      r.pump();
      for (int k = i; k < end; k++) {
        writeLocal(batch.get(k), sent[k - i]);
      }
      i = end;
    }
  }

  private boolean admit(Op op) {
    if (r.role() != DiskRole.PRIMARY) {
      fail(op, new MirrorIoException(MirrorIoException.Kind.NOT_PRIMARY, r.name + " is not primary"));
      return false;
    }
    if (op.length() > 0 || op instanceof Op.Zero) {
      if (op.offset() < 0 || op.length() < 0 || op.offset() + op.length() > r.data.size()) {
        fail(op, new MirrorIoException(MirrorIoException.Kind.OUT_OF_RANGE, "offset " + op.offset()
            + " length " + op.length() + " outside the device of " + r.data.size() + " bytes"));
        return false;
      }
      markDirty(op.offset(), op.length());
    }
    return true;
  }

  /**
   * While the peer follows, a write dirties its whole activity extent: the bits only matter if
   * this node crashes mid-write, and coarse marking keeps the bitmap fsyncs rare (activity-log
   * style). Without the peer, marking is exact so a resync sends only what changed.
   */
  private void markDirty(long offset, long length) {
    if (r.peerInSync && length > 0) {
      long extent = Replicator.ACTIVITY_EXTENT;
      long from = offset / extent * extent;
      long to = Math.min(r.data.size(), (offset + length + extent - 1) / extent * extent);
      r.meta.bitmap().mark(from, to - from);
    } else {
      r.meta.bitmap().mark(offset, length);
    }
  }

  private void fail(Op op, Throwable t) {
    if (op instanceof Op.Write w) {
      w.data().release();
    }
    op.done().completeExceptionally(t);
  }

  /** Counts the write and queues its frame when the peer follows; the in-flight entry or null. */
  private InFlight begin(Op op) {
    r.writeSeq++;
    resync.noteForegroundWrite(op);
    return r.peerInSync ? replicate(op) : null;
  }

  /** Writes the local copy; completes the op now, or marks its local half when the peer's is pending. */
  private void writeLocal(Op op, InFlight rf) {
    try {
      if (op instanceof Op.Write w) {
        r.data.write(w.offset(), w.data().nioBuffers());
        if (w.fua()) {
          r.data.flush();
        }
      } else if (op instanceof Op.Zero z) {
        r.data.writeZeroes(z.offset(), z.length());
        if (z.fua()) {
          r.data.flush();
        }
      }
    } catch (IOException | RuntimeException e) {
      if (rf != null) {
        rf.done = null;
      }
      r.lastProblem = "local write failed: " + e.getMessage();
      op.done().completeExceptionally(new MirrorIoException(MirrorIoException.Kind.IO_ERROR, r.lastProblem, e));
      return;
    } finally {
      if (op instanceof Op.Write w) {
        w.data().release();
      }
    }
    if (rf != null && rf.done != null) {
      rf.markLocalDone();
    } else {
      op.done().complete(null);
    }
  }

  /** Queues the op's frame for the peer; in sync mode the caller's future waits for the ack. */
  private InFlight replicate(Op op) {
    Frame f;
    boolean fua = op instanceof Op.Write w ? w.fua() : ((Op.Zero) op).fua();
    int flags = fua ? Frame.FLAG_FUA : 0;
    if (op instanceof Op.Write w) {
      f = new Frame(FrameType.WRITE, flags, r.nextId(), w.offset(), w.data().retainedDuplicate());
    } else {
      f = new Frame(FrameType.ZERO, flags, r.nextId(), op.offset(), Unpooled.buffer(8).writeLong(op.length()));
    }
    boolean sync = r.settings.mode() == MirrorMode.SYNC;
    int bytes = f.type() == FrameType.WRITE ? f.length() : 8;
    InFlight rf = new InFlight(f, bytes, -1, sync ? op.done() : null);
    r.window.add(rf);
    checkAsyncOverflow();
    return rf.done == null ? null : rf;
  }

  private void executeFlush(Op.Flush f) {
    try {
      r.data.flush();
    } catch (IOException e) {
      f.done().completeExceptionally(new MirrorIoException(MirrorIoException.Kind.IO_ERROR,
          "local flush failed: " + e.getMessage(), e));
      return;
    }
    if (r.peerInSync && r.settings.mode() == MirrorMode.SYNC) {
      r.window.add(InFlight.peerOnly(Frame.of(FrameType.FLUSH, r.nextId()), 0, -1, f.done()));
    } else {
      f.done().complete(null);
    }
  }

  /** Async mode: a peer too far behind is dropped; its writes stay tracked in the bitmap. */
  private void checkAsyncOverflow() {
    if (r.settings.mode() == MirrorMode.ASYNC && r.window.queuedBytes() > r.settings.asyncQueueBytes()) {
      r.lastProblem = "async queue overflow (" + r.window.queuedBytes()
          + " bytes behind); tracking writes in the bitmap until the next resync";
      LOG.warn("mirror {}: {}", r.name, r.lastProblem);
      r.dropSession(r.peer, r.lastProblem);
    }
  }
}
