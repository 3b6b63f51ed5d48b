package io.zoneha.mirror.replication;

import io.netty.channel.Channel;
import io.zoneha.mirror.protocol.FrameType;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;

/**
 * The frames of one session: those waiting for room in the window and those sent and not yet
 * acknowledged, oldest first. Mirror thread only.
 */
final class SendWindow {
  private final int maxFrames;
  private final LinkedHashMap<Long, InFlight> inflight = new LinkedHashMap<>();
  private final ArrayDeque<InFlight> waiting = new ArrayDeque<>();
  private long inflightBytes;
  private long waitingBytes;
  private long writeBytesSent;

  SendWindow(int maxFrames) {
    this.maxFrames = maxFrames;
  }

  void add(InFlight rf) {
    waiting.add(rf);
    waitingBytes += rf.bytes;
  }

  /** Writes waiting frames to {@code peer} while the window has room, then flushes once. */
  void pump(Channel peer) {
    boolean wrote = false;
    while (!waiting.isEmpty() && inflight.size() < maxFrames) {
      InFlight rf = waiting.poll();
      waitingBytes -= rf.bytes;
      inflight.put(rf.id, rf);
      inflightBytes += rf.bytes;
      rf.sentAtNanos = System.nanoTime();
      if (rf.frame.type() == FrameType.WRITE) {
        writeBytesSent += rf.bytes;
      }
      peer.write(rf.frame, peer.voidPromise());
      rf.frame = null;
      wrote = true;
    }
    if (wrote) {
      peer.flush();
    }
  }

  /** The acknowledged frame, or null when no frame with this id was sent. */
  InFlight acknowledged(long id) {
    InFlight rf = inflight.remove(id);
    if (rf != null) {
      inflightBytes -= rf.bytes;
    }
    return rf;
  }

  /** The oldest frame the peer has not acknowledged, or null. */
  InFlight oldestSent() {
    return inflight.isEmpty() ? null : inflight.values().iterator().next();
  }

  boolean isEmpty() {
    return inflight.isEmpty() && waiting.isEmpty();
  }

  /** Bytes of payload queued or unacknowledged: the replication lag. */
  long queuedBytes() {
    return inflightBytes + waitingBytes;
  }

  /** WRITE payload bytes handed to the socket so far (all sessions). */
  long writeBytesSent() {
    return writeBytesSent;
  }

  boolean hasCallers() {
    return waiting.stream().anyMatch(r -> r.done != null) || inflight.values().stream().anyMatch(r -> r.done != null);
  }

  /**
   * The session ended: unsent frames are released and every caller stops waiting for the peer
   * (its write is only local now, tracked by its dirty bits).
   */
  void abandon() {
    for (InFlight rf : inflight.values()) {
      rf.markPeerDone();
    }
    for (InFlight rf : waiting) {
      if (rf.frame != null) {
        rf.frame.release();
      }
      rf.markPeerDone();
    }
    inflight.clear();
    waiting.clear();
    inflightBytes = 0;
    waitingBytes = 0;
  }
}
