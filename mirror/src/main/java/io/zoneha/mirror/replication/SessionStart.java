package io.zoneha.mirror.replication;

import io.netty.channel.Channel;
import io.zoneha.mirror.protocol.HandshakeDone;
import io.zoneha.mirror.protocol.Hello;
import io.zoneha.mirror.protocol.SyncDecision;
import io.zoneha.mirror.storage.Generations;
import io.zoneha.mirror.storage.Superblock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a session once the handshake decided what the two copies must do. Mirror thread only. */
final class SessionStart {
  private static final Logger LOG = LoggerFactory.getLogger(SessionStart.class);

  private final Replicator r;
  private final BitmapCleaner cleaner;
  private final ResyncSender sender;
  private final ResyncReceiver receiver;

  SessionStart(Replicator r, BitmapCleaner cleaner, ResyncSender sender, ResyncReceiver receiver) {
    this.r = r;
    this.cleaner = cleaner;
    this.sender = sender;
    this.receiver = receiver;
  }

  /**
   * Applies the handshake's decision to the session on {@code ch}: streaming, a resync either
   * way, or a refusal (split brain, copies that cannot be paired) that leaves the link down until
   * the operator acts.
   */
  void begin(Channel ch, HandshakeDone hd) {
    if (ch != r.peer) {
      return;
    }
    Hello now = r.hello();
    if (!now.generations().equals(hd.local().generations()) || now.role() != hd.local().role()
        || now.state() != hd.local().state()) {
      // a write or role change raced the handshake; the peer judged stale facts, so start over
      r.dropSession(ch, "local state changed during the handshake; reconnecting");
      return;
    }
    r.peerRole = hd.peer().role();
    LOG.info("mirror {}: handshake with {}: {} ({})", r.name, ch.remoteAddress(),
        hd.decision().outcome(), hd.decision().reason());
    switch (hd.decision().outcome()) {
      case NO_SYNC -> {
        adoptFirstGeneration(hd.decision().firstGeneration());
        r.moveTo(PeerState.STREAMING);
        r.peerInSync = true;
        r.diverged = false;
        cleaner.schedule();
      }
      case RESYNC_TO_PEER -> {
        r.fullSync = hd.decision().full();
        sender.start(hd);
      }
      case RESYNC_FROM_PEER -> {
        r.fullSync = hd.decision().full();
        receiver.start();
      }
      case SPLIT_BRAIN, REFUSE -> {
        r.lastProblem = hd.decision().outcome() + ": " + hd.decision().reason();
        LOG.error("mirror {}: {}; the operator must choose the copy to keep", r.name, r.lastProblem);
        r.moveTo(hd.decision().outcome() == SyncDecision.Outcome.SPLIT_BRAIN
            ? PeerState.SPLIT_BRAIN : PeerState.REFUSED);
        Channel c = r.peer;
        r.peer = null;
        c.close();
      }
    }
  }

  /** A new pair that needs no copy: both sides take the generation the decision computed. */
  private void adoptFirstGeneration(long first) {
    Superblock sb = r.meta.superblock();
    if (first != Generations.NONE && sb.generations().isBlank()) {
      r.meta.update(sb.withGenerations(Generations.of(first, Generations.NONE, Generations.NONE, Generations.NONE)));
      LOG.info("mirror {}: new pair, no initial copy needed; first generation {}", r.name, r.meta.superblock().generations());
    }
  }
}
