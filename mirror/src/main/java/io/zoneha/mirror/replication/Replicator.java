package io.zoneha.mirror.replication;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.zoneha.mirror.protocol.Frame;
import io.zoneha.mirror.protocol.HandshakeDone;
import io.zoneha.mirror.protocol.HandshakeOffer;
import io.zoneha.mirror.protocol.Hello;
import io.zoneha.mirror.storage.ClusterPartition;
import io.zoneha.mirror.storage.DataStore;
import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.Generations;
import io.zoneha.mirror.storage.Superblock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replication core of one copy, and the face the disk, the link and the tests see. It owns
 * the mirror thread ({@code thread}) and the state of the session with the peer; the work is
 * done by its pieces: {@link WritePath} (foreground batches), {@link SessionStart} (the
 * handshake's outcome), {@link PeerFrames} (what the peer sends), {@link ResyncSender} /
 * {@link ResyncReceiver}, {@link VerifyRun}, {@link BitmapCleaner} and {@link RoleChanges}.
 *
 * <p>Every method that touches state, in here or in a piece, runs on that one thread, so none
 * needs a lock; public methods hop onto it. In {@code MirrorDisk} the thread is the copy's event
 * loop, shared with the link and the NBD export, so nothing here waits: a wait is a future or a
 * timer on that thread.
 */
public final class Replicator {
  private static final Logger LOG = LoggerFactory.getLogger(Replicator.class);
  /** Bytes of the device one activity-log extent covers. */
  static final long ACTIVITY_EXTENT = 4L << 20;

  // the state the pieces share: package-private, touched on the mirror thread only
  final String name;
  final EventExecutor thread;
  final DataStore data;
  final ClusterPartition meta;
  final MirrorSettings settings;
  final SendWindow window;
  PeerState peerState = PeerState.DISCONNECTED;
  Channel peer;
  DiskRole peerRole;
  /** The peer receives every new write (streaming, or this copy is the resync source). */
  boolean peerInSync;
  /** Foreground writes so far: a quiet period is one in which it did not change. */
  long writeSeq;
  long syncTotal;
  boolean fullSync;
  long syncDone;
  long resyncBytesSent;
  String lastProblem = "";
  /** Set once this primary started its own generation; reset when a session is in sync again. */
  boolean diverged;

  private final BitmapCleaner cleaner;
  private final ResyncSender resyncSender;
  private final ResyncReceiver resyncReceiver;
  private final RoleChanges roles;
  private final SessionStart sessions;
  private final PeerFrames peerFrames;
  private final WritePath writes;
  private volatile MirrorStats stats;
  private long nextId = 1;
  private VerifyRun verify;
  private volatile boolean paused;

  public Replicator(String name, EventExecutor thread, DataStore data, ClusterPartition meta,
      MirrorSettings settings) {
    this.name = name;
    this.thread = thread;
    this.data = data;
    this.meta = meta;
    this.settings = settings;
    this.window = new SendWindow(settings.windowFrames());
    this.cleaner = new BitmapCleaner(this);
    this.resyncSender = new ResyncSender(this);
    this.resyncReceiver = new ResyncReceiver(this);
    this.roles = new RoleChanges(this);
    this.sessions = new SessionStart(this, cleaner, resyncSender, resyncReceiver);
    this.peerFrames = new PeerFrames(this, new PeerApplier(name, data, meta), cleaner, resyncSender, resyncReceiver);
    this.writes = new WritePath(this, resyncSender);
    this.paused = meta.superblock().has(Superblock.FLAG_PAUSED);
    publish();
    long period = Math.max(50, settings.ackTimeout().toMillis() / 4);
    thread.scheduleAtFixedRate(this::checkAckTimeout, period, period, TimeUnit.MILLISECONDS);
  }

  // ---- foreground requests (any thread) ----

  /** Takes ownership of {@code buf}. */
  public CompletableFuture<Void> write(long offset, ByteBuf buf, boolean fua) {
    return writes.submit(new Op.Write(offset, buf, fua, new CompletableFuture<>()));
  }

  public CompletableFuture<Void> writeZeroes(long offset, long length, boolean fua) {
    return writes.submit(new Op.Zero(offset, length, fua, new CompletableFuture<>()));
  }

  public CompletableFuture<Void> flush() {
    return writes.submit(new Op.Flush(new CompletableFuture<>()));
  }

  public MirrorStats stats() {
    return stats;
  }

  public long deviceSize() {
    return data.size();
  }

  /** Runs {@code task} on the mirror thread and completes with its result. */
  public <T> CompletableFuture<T> call(java.util.concurrent.Callable<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    thread.execute(() -> {
      try {
        f.complete(task.call());
      } catch (Throwable t) {
        f.completeExceptionally(t);
      } finally {
        publish();
      }
    });
    return f;
  }

  /** Sends waiting frames while the in-flight window has room. */
  void pump() {
    if (peer != null) {
      window.pump(peer);
    }
  }

  // ---- generations and roles (mirror thread) ----

  public DiskRole role() {
    return meta.superblock().role();
  }

  /** A primary about to write without its peer starts a new generation first (persisted). */
  void ensureDiverged() {
    Generations g = meta.superblock().generations();
    if (diverged || (g.bitmap() != Generations.NONE && !g.isBlank())) {
      return;
    }
    diverged = true;
    Generations next = g.diverge(ClusterPartition.newId());
    meta.update(meta.superblock().withGenerations(next));
    LOG.info("mirror {}: writing without the peer; new generation {}", name, next);
  }

  /**
   * Becomes primary; refuses when the copy is not up to date (unless forced) or the peer is primary.
   * A handshake in progress is waited for first (bounded).
   */
  public CompletableFuture<Void> becomePrimary(boolean force) {
    return roles.becomePrimary(force);
  }

  /** Flushes and becomes secondary; queued writes after this are refused. */
  public CompletableFuture<Void> demote() {
    return roles.demote();
  }

  /** Split-brain recovery on the copy whose changes are dropped: it becomes blank and takes a full copy. */
  public CompletableFuture<Void> discardLocalData() {
    return roles.discardLocalData();
  }

  /** Whether the operator paused replication (persisted in the cluster partition). */
  public boolean paused() {
    return paused;
  }

  /**
   * Records the operator's pause (kept across restarts) and, when pausing, ends the session at
   * once; the link itself is cut by the caller. Writes go on and are tracked in the bitmap.
   */
  public CompletableFuture<Void> setPaused(boolean on) {
    return call(() -> {
      if (meta.superblock().has(Superblock.FLAG_PAUSED) != on) {
        meta.update(meta.superblock().withFlag(Superblock.FLAG_PAUSED, on));
      }
      paused = on;
      if (on) {
        dropSession(peer, "replication paused by the operator");
      }
      return null;
    });
  }

  /** Leaves SPLIT_BRAIN / REFUSED so the link tries again. */
  public CompletableFuture<Void> resume() {
    return call(() -> {
      resumeNow();
      return null;
    });
  }

  void resumeNow() {
    if (peerState == PeerState.SPLIT_BRAIN || peerState == PeerState.REFUSED) {
      moveTo(PeerState.DISCONNECTED);
    }
  }

  // ---- the link (netty threads call these; they hop to the mirror thread) ----

  /** May the link start or accept a connection now? */
  public boolean mayConnect() {
    MirrorStats s = stats;
    return s.peerState() == PeerState.DISCONNECTED;
  }

  public void onConnecting() {
    thread.execute(() -> {
      if (peerState == PeerState.DISCONNECTED) {
        moveTo(PeerState.CONNECTING);
      }
    });
  }

  public void onConnectFailed() {
    thread.execute(() -> {
      if (peerState == PeerState.CONNECTING) {
        moveTo(PeerState.DISCONNECTED);
      }
    });
  }

  /** A connection became active; it is refused when another one already holds the session. */
  public void onActive(Channel ch) {
    thread.execute(() -> {
      if (peer != null || !(peerState == PeerState.DISCONNECTED || peerState == PeerState.CONNECTING)) {
        LOG.info("mirror {}: refusing a second connection from {}", name, ch.remoteAddress());
        ch.close();
        return;
      }
      peer = ch;
      moveTo(PeerState.HANDSHAKE);
    });
  }

  public CompletableFuture<HandshakeOffer> offer() {
    return call(() -> new HandshakeOffer(hello(), meta.bitmap().toBytes()));
  }

  Hello hello() {
    Superblock sb = meta.superblock();
    return new Hello(sb.nodeId(), sb.deviceSize(), sb.blockSize(), sb.bitmapGranularity(),
        sb.generations(), sb.role(), sb.state(), meta.bitmap().count(),
        sb.generations().isBlank() && sb.has(Superblock.FLAG_DATA_BLANK), settings.initialCopy());
  }

  public void onHandshake(Channel ch, HandshakeDone hd) {
    thread.execute(() -> {
      try {
        sessions.begin(ch, hd);
      } catch (RuntimeException e) {
        lastProblem = "session start failed: " + e.getMessage();
        LOG.warn("mirror {}: {}", name, lastProblem, e);
        dropSession(ch, lastProblem);
      }
      pump();
      publish();
    });
  }

  /**
   * Frames read in one go from the socket are handled together: at once when the link runs on the
   * mirror thread (as in {@link io.zoneha.mirror.MirrorDisk}), else in one mirror-thread task.
   */
  public void onFrames(Channel ch, List<Frame> frames) {
    onMirrorThread(() -> {
      for (Frame f : frames) {
        try {
          if (ch == peer) {
            peerFrames.handle(ch, f);
          }
        } catch (RuntimeException e) {
          lastProblem = "peer " + f.type() + " frame rejected: " + e.getMessage();
          LOG.warn("mirror {}: {}", name, lastProblem);
          dropSession(ch, lastProblem);
        } finally {
          f.release();
        }
      }
      ch.flush();
      pump();
      publish();
    });
  }

  private void onMirrorThread(Runnable task) {
    if (thread.inEventLoop()) {
      task.run();
    } else {
      thread.execute(task);
    }
  }

  public void onClosed(Channel ch) {
    thread.execute(() -> {
      dropSession(ch, "connection closed");
      publish();
    });
  }

  /** The link reports a protocol error it closed the connection for. */
  public void onProtocolError(Throwable t) {
    thread.execute(() -> {
      lastProblem = "protocol error: " + t.getMessage();
      publish();
    });
  }

  // ---- online verify (mirror thread) ----

  /** Compares every chunk with the peer while in use; completes with the differing ranges. */
  public CompletableFuture<List<OnlineVerify.Range>> verify() {
    CompletableFuture<List<OnlineVerify.Range>> done = new CompletableFuture<>();
    thread.execute(() -> {
      if (peerState != PeerState.STREAMING || role() != DiskRole.PRIMARY || verify != null) {
        done.completeExceptionally(new MirrorIoException(MirrorIoException.Kind.NOT_PRIMARY,
            name + ": verify needs a primary streaming to its peer and no other verify running"));
        return;
      }
      verify = new VerifyRun(this, done);
      verifyBatch();
    });
    return done;
  }

  /** Sends the next batch of checksums; one batch per task so foreground writes interleave. */
  private void verifyBatch() {
    VerifyRun v = verify;
    if (v == null || peer == null) {
      return;
    }
    if (v.completeIfAnswered()) {
      verify = null;
    } else if (v.sendBatch()) {
      pump();
      thread.execute(this::verifyBatch);
    }
  }

  void verifyResult(Frame f) {
    InFlight rf = window.acknowledged(f.requestId());
    if (rf == null || verify == null || !verify.answered(f)) {
      throw new IllegalStateException("VERIFY_RESULT for unknown request " + f.requestId());
    }
    rf.markPeerDone();
    verifyBatch();
  }

  private void checkAckTimeout() {
    InFlight oldest = window.oldestSent();
    if (oldest == null || peer == null) {
      return;
    }
    long age = System.nanoTime() - oldest.sentAtNanos;
    if (age > settings.ackTimeout().toNanos()) {
      lastProblem = "peer did not acknowledge request " + oldest.id + " within " + settings.ackTimeout()
          + "; mirror degraded";
      LOG.error("mirror {}: {}", name, lastProblem);
      dropSession(peer, lastProblem);
      publish();
    }
  }

  /**
   * Ends the session on {@code ch}. A primary starts a new generation before completing the
   * writes the peer did not acknowledge: they are now only local, tracked by their dirty bits.
   */
  void dropSession(Channel ch, String reason) {
    if (ch == null || ch != peer) {
      return;
    }
    LOG.info("mirror {}: session with {} ended: {}", name, ch.remoteAddress(), reason);
    peer = null;
    peerInSync = false;
    peerRole = null;
    resyncSender.stop();
    if (verify != null) {
      verify.fail(reason);
      verify = null;
    }
    cleaner.sessionEnded();
    if (window.hasCallers() && role() == DiskRole.PRIMARY) {
      ensureDiverged();
    }
    window.abandon();
    meta.persistBitmap();
    if (peerState != PeerState.SPLIT_BRAIN && peerState != PeerState.REFUSED) {
      moveTo(PeerState.DISCONNECTED);
    }
    ch.close();
  }

  /** The id of the next frame this copy sends; ids only grow, so an answer names one frame. */
  long nextId() {
    return nextId++;
  }

  void moveTo(PeerState next) {
    peerState = peerState.moveTo(next);
    if (peerState != PeerState.HANDSHAKE) {
      roles.handshakeEnded();
    }
    publish();
  }

  void publish() {
    Superblock sb = meta.superblock();
    stats = new MirrorStats(sb.role(), sb.state(), peerState, fullSync, settings.mode(), meta.bitmap().dirtyBytes(),
        syncTotal, syncDone, window.queuedBytes(), resyncBytesSent, window.writeBytesSent(), lastProblem,
        peer != null && peerState.connected() ? peerRole : null);
  }
}
