package io.zoneha.mirror.replication;

import io.netty.channel.Channel;
import io.zoneha.mirror.protocol.Frame;
import io.zoneha.mirror.protocol.FrameType;
import io.zoneha.mirror.storage.DiskRole;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frames the peer sends during a session: its writes to apply here (streaming or resync),
 * its answers to what this copy sent, and its role. Answers are written to the channel and
 * flushed once per socket read by the {@link Replicator}. Mirror thread only.
 */
final class PeerFrames {
  private static final Logger LOG = LoggerFactory.getLogger(PeerFrames.class);

  private final Replicator r;
  private final PeerApplier applier;
  private final BitmapCleaner cleaner;
  private final ResyncSender sender;
  private final ResyncReceiver receiver;

  PeerFrames(Replicator r, PeerApplier applier, BitmapCleaner cleaner, ResyncSender sender, ResyncReceiver receiver) {
    this.r = r;
    this.applier = applier;
    this.cleaner = cleaner;
    this.sender = sender;
    this.receiver = receiver;
  }

  /** Handles one frame of the session on {@code ch}; a frame that breaks the protocol throws. */
  void handle(Channel ch, Frame f) {
    switch (f.type()) {
      case WRITE, ZERO -> {
        PeerApplier.Applied a = applier.write(f);
        if (a.problem() != null) {
          r.lastProblem = a.problem();
          LOG.error("mirror {}: {}", r.name, r.lastProblem);
        }
        r.syncDone += a.resyncBytes();
        ch.write(a.reply(), ch.voidPromise());
      }
      case FLUSH -> ch.write(applier.flush(f), ch.voidPromise());
      case WRITE_ACK, FLUSH_ACK, RESYNC_DONE_ACK -> acked(f);
      case RESYNC_DONE -> receiver.finish(ch, f);
      case ROLE -> r.peerRole = DiskRole.ofCode(f.payload().readUnsignedByte());
      case ERROR -> {
        int code = f.length() >= 4 ? f.payload().readInt() : 0;
        String msg = f.payload().toString(StandardCharsets.UTF_8);
        r.lastProblem = "peer failed request " + f.requestId() + " (code " + code + "): " + msg
            + "; mirror degraded, writes are tracked in the bitmap";
        LOG.error("mirror {}: {}", r.name, r.lastProblem);
        r.dropSession(ch, r.lastProblem);
      }
      case VERIFY -> ch.write(applier.verify(f), ch.voidPromise());
      case VERIFY_RESULT -> r.verifyResult(f);
      case HELLO, BITMAP -> throw new IllegalStateException(f.type() + " after the handshake");
    }
  }

  private void acked(Frame f) {
    InFlight rf = r.window.acknowledged(f.requestId());
    if (rf == null) {
      throw new IllegalStateException("acknowledgement for unknown request " + f.requestId());
    }
    sender.acked(rf);
    rf.markPeerDone();
    if (f.type() == FrameType.RESYNC_DONE_ACK) {
      sender.finish();
    } else if (f.type() == FrameType.FLUSH_ACK) {
      cleaner.flushAcked(f.requestId());
    }
    // an ack frees room in the windows and may be the last of a busy period
    sender.sendChunks();
    cleaner.schedule();
  }
}
