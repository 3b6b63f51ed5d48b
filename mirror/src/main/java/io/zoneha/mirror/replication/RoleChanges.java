package io.zoneha.mirror.replication;

import io.netty.buffer.Unpooled;
import io.zoneha.mirror.protocol.Frame;
import io.zoneha.mirror.protocol.FrameType;
import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.DiskState;
import io.zoneha.mirror.storage.Generations;
import io.zoneha.mirror.storage.Superblock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Promotion, demotion and discarding this copy's data. Each check and change runs on the mirror
 * thread (through {@link Replicator#call}); the waits around them (a handshake settling, the
 * peer acknowledging a barrier) are futures, never blocking.
 */
final class RoleChanges {
  /** Longest a promotion waits for a handshake in progress (bounded by the handshake timeout). */
  static final long PROMOTION_HANDSHAKE_WAIT_MILLIS = 5000;
  /** How often a promotion looks again whether the handshake is over. */
  private final Replicator r;
  private final List<CompletableFuture<Void>> handshakeWaiters = new ArrayList<>();

  RoleChanges(Replicator r) {
    this.r = r;
  }

  /**
   * Becomes primary; refuses when the copy is not up to date (unless forced) or the peer is primary.
   * A handshake in progress is waited for first (bounded): its outcome may make this copy a resync
   * target, or show that the peer is primary, and promoting under it would only force a reconnect.
   */
  CompletableFuture<Void> becomePrimary(boolean force) {
    long waitMillis = Math.min(PROMOTION_HANDSHAKE_WAIT_MILLIS, r.settings.handshakeTimeout().toMillis());
    return handshakeSettled(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis))
        .thenCompose(v -> promote(force));
  }

  /** Completes once the link leaves HANDSHAKE, or at {@code deadline} (System.nanoTime). */
  private CompletableFuture<Void> handshakeSettled(long deadline) {
    CompletableFuture<Void> settled = new CompletableFuture<>();
    r.thread.execute(() -> {
      if (r.peerState != PeerState.HANDSHAKE) {
        settled.complete(null);
        return;
      }
      handshakeWaiters.add(settled);
      r.thread.schedule(() -> settled.complete(null), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    });
    return settled;
  }

  /** The link left HANDSHAKE: promotions waiting for its outcome go on. */
  void handshakeEnded() {
    handshakeWaiters.forEach(w -> w.complete(null));
    handshakeWaiters.clear();
  }

  private CompletableFuture<Void> promote(boolean force) {
    return r.call(() -> {
      Superblock sb = r.meta.superblock();
      if (sb.role() == DiskRole.PRIMARY) {
        return null;
      }
      if (sb.state() != DiskState.UP_TO_DATE && !force) {
        throw new MirrorIoException(MirrorIoException.Kind.NOT_UP_TO_DATE,
            r.name + ": local copy is " + sb.state() + "; refusing to become primary without force");
      }
      if (r.peerState.connected() && r.peerRole == DiskRole.PRIMARY) {
        throw new MirrorIoException(MirrorIoException.Kind.NOT_PRIMARY, r.name + ": the peer is primary");
      }
      String unpaired = force ? null : InitialCopyGuard.refusal(sb, r.settings.initialCopy());
      if (unpaired != null) {
        throw new MirrorIoException(MirrorIoException.Kind.NO_INITIAL_COPY, r.name + ": " + unpaired);
      }
      if (r.peerState == PeerState.SYNC_TARGET) {
        r.dropSession(r.peer, "forced promotion during a resync");
      }
      r.meta.update(sb.withRole(DiskRole.PRIMARY).withState(DiskState.UP_TO_DATE));
      sendRole();
      return null;
    });
  }

  /** Flushes and becomes secondary; queued writes after this are refused. */
  CompletableFuture<Void> demote() {
    // a flush through the stream is the barrier: the peer has every earlier write once it is acked
    return r.flush().exceptionally(t -> null).thenCompose(v -> r.call(() -> {
      r.data.flush();
      if (r.role() != DiskRole.SECONDARY) {
        r.meta.update(r.meta.superblock().withRole(DiskRole.SECONDARY));
        sendRole();
      }
      return roleBarrier();
    })).thenCompose(barrier -> barrier);
  }

  /**
   * Completes once the peer has handled every frame sent so far (including a ROLE change), so
   * that when a demotion completes the peer may already be promoted.
   */
  private CompletableFuture<Void> roleBarrier() {
    if (r.peer == null || !r.peerState.connected()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    r.window.add(InFlight.peerOnly(Frame.of(FrameType.FLUSH, r.nextId()), 0, -1, done));
    r.pump();
    return done;
  }

  /** Split-brain recovery on the copy whose changes are dropped: it becomes blank and takes a full copy. */
  CompletableFuture<Void> discardLocalData() {
    return r.call(() -> {
      if (r.role() == DiskRole.PRIMARY) {
        throw new MirrorIoException(MirrorIoException.Kind.NOT_PRIMARY, r.name + ": demote before discarding data");
      }
      r.meta.update(r.meta.superblock().withGenerations(Generations.blank()).withState(DiskState.INCONSISTENT)
          .withFlag(Superblock.FLAG_DATA_BLANK, false));
      r.resumeNow();
      return null;
    });
  }

  /** Tells a connected peer this copy's role, which a promotion on its side checks. */
  private void sendRole() {
    if (r.peer != null && r.peerState.connected()) {
      r.peer.writeAndFlush(new Frame(FrameType.ROLE, 0, 0, 0, Unpooled.buffer(1).writeByte(r.role().code())));
    }
  }
}
