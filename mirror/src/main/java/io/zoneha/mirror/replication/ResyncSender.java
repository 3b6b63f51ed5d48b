package io.zoneha.mirror.replication;

import io.netty.buffer.ByteBuf;
import io.zoneha.mirror.SocketTuning;
import io.zoneha.mirror.protocol.Frame;
import io.zoneha.mirror.protocol.FrameType;
import io.zoneha.mirror.protocol.HandshakeDone;
import io.zoneha.mirror.storage.ClusterPartition;
import io.zoneha.mirror.storage.DirtyBitmap;
import io.zoneha.mirror.storage.Generations;
import io.zoneha.mirror.storage.Superblock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source side of a resync: sends the chunks the peer lacks (this copy's dirty bits plus the
 * peer's), paced by the resync window and rate, clears each bit as its chunk is acknowledged,
 * and ends with RESYNC_DONE. Foreground writes go on meanwhile. Mirror thread only.
 */
final class ResyncSender {
  private static final Logger LOG = LoggerFactory.getLogger(ResyncSender.class);

  private final Replicator r;
  /** The resync in progress, or null. */
  private ResyncSource resync;

  ResyncSender(Replicator r) {
    this.r = r;
  }

  /** The handshake made this copy the source: marks what the peer lacks and starts sending. */
  void start(HandshakeDone hd) {
    ClusterPartition meta = r.meta;
    Superblock sb = meta.superblock();
    if (sb.generations().isBlank()) {
      Generations g = sb.generations();
      meta.update(sb.withGenerations(new Generations(ClusterPartition.newId(), g.bitmap(), g.history())));
    }
    DirtyBitmap bm = meta.bitmap();
    if (hd.decision().full()) {
      for (int c = 0; c < bm.chunks(); c++) {
        bm.set(c);
      }
    } else {
      bm.or(hd.peerBitmap());
    }
    meta.persistBitmap();
    resync = new ResyncSource();
    r.syncTotal = bm.dirtyBytes();
    r.syncDone = 0;
    r.peerInSync = true;
    r.diverged = false;
    r.moveTo(PeerState.SYNC_SOURCE);
    sendChunks();
  }

  /** A foreground write during the resync: a chunk whose resync copy is in flight stays dirty. */
  void noteForegroundWrite(Op op) {
    if (resync != null && op.length() > 0) {
      int g = r.meta.bitmap().granularity();
      resync.noteForegroundWrite((int) (op.offset() / g), (int) ((op.offset() + op.length() - 1) / g));
    }
  }

  /** Sends dirty chunks while the resync window has room; ends the resync when none are left. */
  void sendChunks() {
    if (resync == null || r.peer == null) {
      return;
    }
    DirtyBitmap bm = r.meta.bitmap();
    while (resync.inFlight.size() < r.settings.resyncWindowChunks()) {
      int c = bm.nextSet(resync.cursor);
      if (c < 0 || throttled()) {
        break;
      }
      resync.cursor = c + 1;
      ByteBuf buf = readChunk(bm, c);
      Frame f = new Frame(FrameType.WRITE, Frame.FLAG_RESYNC, r.nextId(), bm.chunkOffset(c), buf);
      resync.inFlight.add(c);
      resync.sentBytes += bm.chunkLength(c);
      r.resyncBytesSent += bm.chunkLength(c);
      r.window.add(InFlight.peerOnly(f, bm.chunkLength(c), c, null));
    }
    if (resync != null && resync.inFlight.isEmpty() && !resync.doneSent && bm.nextSet(resync.cursor) < 0) {
      resync.doneSent = true;
      long gen = r.meta.superblock().generations().current();
      r.window.add(InFlight.peerOnly(Frame.longPayload(FrameType.RESYNC_DONE, r.nextId(), 0, gen), 0, -1, null));
    }
  }

  private ByteBuf readChunk(DirtyBitmap bm, int c) {
    ByteBuf buf = SocketTuning.BUFFERS.directBuffer(bm.chunkLength(c));
    try {
      ByteBuffer nio = buf.internalNioBuffer(0, bm.chunkLength(c));
      r.data.read(bm.chunkOffset(c), nio);
      buf.writerIndex(bm.chunkLength(c));
      return buf;
    } catch (IOException e) {
      buf.release();
      throw new UncheckedIOException("resync read of chunk " + c + " failed", e);
    }
  }

  /** True when the resync must pause for its rate; a timer resumes it. */
  private boolean throttled() {
    long pause = ResyncThrottle.pauseNanos(r.settings.resyncRateBytes(), resync.sentBytes, resync.startNanos,
        System.nanoTime());
    if (pause == 0) {
      return false;
    }
    if (!resync.pauseScheduled) {
      resync.pauseScheduled = true;
      ResyncSource current = resync;
      r.thread.schedule(() -> {
        current.pauseScheduled = false;
        // a resync that ended (or was replaced) meanwhile is not resumed
        if (resync == current) {
          sendChunks();
          r.pump();
          r.publish();
        }
      }, pause, TimeUnit.NANOSECONDS);
    }
    return true;
  }

  /** The peer acknowledged {@code rf}: a resync chunk counts as done, its bit cleared unless re-written. */
  void acked(InFlight rf) {
    if (rf.resyncChunk >= 0 && resync != null) {
      if (resync.acked(rf.resyncChunk)) {
        r.meta.bitmap().clear(rf.resyncChunk);
      }
      r.syncDone += rf.bytes;
    }
  }

  /** The peer acknowledged RESYNC_DONE: both copies hold the same data from here on. */
  void finish() {
    Superblock sb = r.meta.superblock();
    r.meta.update(sb.withGenerations(sb.generations().resyncDoneAsSource()));
    r.meta.persistBitmap();
    resync = null;
    r.moveTo(PeerState.STREAMING);
    LOG.info("mirror {}: resync done, {} bytes sent", r.name, r.syncDone);
  }

  /** The session ended; the chunks not yet acknowledged keep their bits for the next resync. */
  void stop() {
    resync = null;
  }
}
