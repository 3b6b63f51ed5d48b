package io.zoneha.mirror.replication;

import io.netty.channel.Channel;
import io.zoneha.mirror.protocol.Frame;
import io.zoneha.mirror.protocol.FrameType;
import io.zoneha.mirror.storage.DiskState;
import io.zoneha.mirror.storage.Superblock;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target side of a resync. The copy is INCONSISTENT (persisted) from the start until the
 * source's RESYNC_DONE, so a crash in between never leaves a half-copied disk looking usable.
 * The chunks themselves arrive as ordinary WRITE frames. Mirror thread only.
 */
final class ResyncReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(ResyncReceiver.class);

  private final Replicator r;

  ResyncReceiver(Replicator r) {
    this.r = r;
  }

  void start() {
    Superblock sb = r.meta.superblock();
    if (sb.state() != DiskState.INCONSISTENT) {
      r.meta.update(sb.withState(DiskState.INCONSISTENT));
    }
    r.syncTotal = 0;
    r.syncDone = 0;
    r.moveTo(PeerState.SYNC_TARGET);
  }

  /**
   * The source sent RESYNC_DONE: the data is made durable before the copy is declared up to date
   * and takes the source's generation, and only then is the source told.
   */
  void finish(Channel ch, Frame f) {
    long gen = f.payload().getLong(f.payload().readerIndex());
    try {
      r.data.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    r.meta.bitmap().clearAll();
    r.meta.persistBitmap();
    Superblock sb = r.meta.superblock();
    r.meta.update(sb.withGenerations(sb.generations().resyncDoneAsTarget(gen)).withState(DiskState.UP_TO_DATE));
    r.moveTo(PeerState.STREAMING);
    r.peerInSync = true;
    r.diverged = false;
    ch.write(Frame.of(FrameType.RESYNC_DONE_ACK, f.requestId()), ch.voidPromise());
    LOG.info("mirror {}: resync received ({} bytes); copy is up to date", r.name, r.syncDone);
  }
}
