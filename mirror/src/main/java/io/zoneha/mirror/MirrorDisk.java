package io.zoneha.mirror;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.zoneha.mirror.replication.MirrorIoException;
import io.zoneha.mirror.replication.MirrorStats;
import io.zoneha.mirror.replication.PeerLink;
import io.zoneha.mirror.replication.Replicator;
import io.zoneha.mirror.storage.ClusterPartition;
import io.zoneha.mirror.storage.DataStore;
import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.LostData;
import io.zoneha.mirror.storage.Superblock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One copy of a mirrored disk: storage, the replicator and the link to the peer. Open it on a
 * worker thread (it does file I/O); every other method is non-blocking and returns a future.
 */
public final class MirrorDisk implements BlockDevice, AutoCloseable {
  private final MirrorDiskConfig config;
  private final DataStore data;
  private final ClusterPartition meta;
  /** One thread runs the replicator, the mirror link and the NBD export (see the constructor). */
  private final EventLoopGroup io;
  private final ExecutorService readers;
  private final Replicator replicator;
  private final PeerLink link;
  private InetSocketAddress boundAddress;

  private MirrorDisk(MirrorDiskConfig config) throws IOException {
    this.config = config;
    var s = config.settings();
    LostData.refuseToCreateDevice("dataPath", config.dataPath());
    LostData.refuseToCreateDevice("clusterPath", config.clusterPath());
    boolean dataExisted = java.nio.file.Files.exists(config.dataPath());
    // a data file ZoneHA creates now, with a new cluster partition, is known to read as zeros
    this.meta = ClusterPartition.open(config.clusterPath(), s.deviceSize(), s.blockSize(), s.bitmapGranularity(),
        dataExisted ? 0 : Superblock.FLAG_DATA_BLANK);
    try {
      this.data = DataStore.open(config.dataPath(), s.deviceSize());
    } catch (IOException e) {
      meta.close();
      throw e;
    }
    if (!dataExisted) {
      LostData.forgetGenerations(meta, config.name(), config.dataPath());
    }
    // a copy always starts as secondary: promotion is the cluster's decision, made again each time
    if (meta.superblock().role() != DiskRole.SECONDARY) {
      meta.update(meta.superblock().withRole(DiskRole.SECONDARY));
    }
    // A write crosses the NBD socket, the replicator and the mirror socket, and its acknowledgement
    // comes back the same way. With all three on one event loop nothing is handed between threads:
    // on a primary writing 4 KiB blocks the thread hand-offs cost more CPU than the I/O did.
    // Local writes are page-cache writes done on this loop; it is ZoneHA's disk thread, not a
    // Vert.x loop, so nothing else waits behind them.
    this.io = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("zoneha-mirror-" + config.name(), true),
        NioIoHandler.newFactory());
    this.readers = Executors.newFixedThreadPool(2, new DefaultThreadFactory("zoneha-mirror-read-" + config.name(), true));
    this.replicator = new Replicator(config.name(), io.next(), data, meta, s);
    this.link = new PeerLink(replicator, s, io, config.peer(), config.initiator());
    if (replicator.paused()) {
      // the operator's pause outlives a restart: the link stays down until resume
      link.disconnect();
    }
  }

  /** Opens (creating the files when missing) and starts listening for / dialling the peer. */
  public static MirrorDisk open(MirrorDiskConfig config) throws IOException, InterruptedException {
    MirrorDisk d = new MirrorDisk(config);
    try {
      d.boundAddress = d.link.start(config.listen());
    } catch (RuntimeException | InterruptedException e) {
      d.close();
      throw e;
    }
    return d;
  }

  public String name() {
    return config.name();
  }

  public MirrorDiskConfig config() {
    return config;
  }

  /** The address the mirror link listens on (useful when the configured port was 0). */
  public InetSocketAddress mirrorAddress() {
    return boundAddress;
  }

  @Override
  public long size() {
    return data.size();
  }

  @Override
  public int blockSize() {
    return config.settings().blockSize();
  }

  public CompletableFuture<Void> becomePrimary(boolean force) {
    return replicator.becomePrimary(force);
  }

  public CompletableFuture<Void> demote() {
    return replicator.demote();
  }

  public CompletableFuture<Void> discardLocalData() {
    return replicator.discardLocalData();
  }

  public CompletableFuture<Void> resume() {
    return replicator.resume();
  }

  /**
   * Pauses replication until {@link #resumeReplication()}, also across restarts: the link is cut
   * and writes are tracked for the resync. Blocking (closes sockets): call it off the event loop.
   */
  public CompletableFuture<Void> pauseReplication() {
    link.disconnect();
    return replicator.setPaused(true);
  }

  /** Ends a pause: the link connects again and the tracked blocks are resynced. */
  public CompletableFuture<Void> resumeReplication() {
    return replicator.setPaused(false).thenRun(link::reconnect);
  }

  public boolean paused() {
    return replicator.paused();
  }

  /** Online verify from the primary: the byte ranges whose copies differ (empty when identical). */
  public CompletableFuture<java.util.List<io.zoneha.mirror.replication.OnlineVerify.Range>> verify() {
    return replicator.verify();
  }

  public MirrorStats stats() {
    return replicator.stats();
  }

  /**
   * Takes ownership of {@code buf}. Fails with {@link MirrorIoException} when not primary. Writes
   * larger than one replication frame are split; they complete when every piece has.
   */
  @Override
  public CompletableFuture<Void> write(long offset, ByteBuf buf, boolean fua) {
    int max = config.settings().maxPayload();
    if (buf.readableBytes() <= max) {
      return replicator.write(offset, buf, fua);
    }
    java.util.List<CompletableFuture<Void>> parts = new java.util.ArrayList<>();
    int len = buf.readableBytes();
    for (int pos = 0; pos < len; pos += max) {
      int n = Math.min(max, len - pos);
      parts.add(replicator.write(offset + pos, buf.retainedSlice(buf.readerIndex() + pos, n), fua));
    }
    buf.release();
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new));
  }

  @Override
  public CompletableFuture<Void> writeZeroes(long offset, long length, boolean fua) {
    return replicator.writeZeroes(offset, length, fua);
  }

  @Override
  public CompletableFuture<Void> flush() {
    return replicator.flush();
  }

  @Override
  public EventLoopGroup eventLoop() {
    return io;
  }

  /** Reads from the local copy on a reader thread; the caller releases the buffer. */
  @Override
  public CompletableFuture<ByteBuf> read(long offset, int length) {
    CompletableFuture<ByteBuf> f = new CompletableFuture<>();
    try {
      readers.execute(() -> {
        ByteBuf buf = SocketTuning.BUFFERS.directBuffer(length);
        try {
          data.read(offset, buf.nioBuffer(0, length));
          buf.writerIndex(length);
          f.complete(buf);
        } catch (IndexOutOfBoundsException e) {
          buf.release();
          f.completeExceptionally(new MirrorIoException(MirrorIoException.Kind.OUT_OF_RANGE, e.getMessage(), e));
        } catch (IOException | RuntimeException e) {
          buf.release();
          f.completeExceptionally(new MirrorIoException(MirrorIoException.Kind.IO_ERROR,
              "read failed: " + e.getMessage(), e));
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      f.completeExceptionally(new MirrorIoException(MirrorIoException.Kind.CLOSED, config.name() + " is closed", e));
    }
    return f;
  }

  /** The link, for tests that cut and restore the network. */
  public PeerLink link() {
    return link;
  }

  @Override
  public void close() {
    link.close();
    // the loop finishes what it has queued (sessions closing) before the files go
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    readers.shutdown();
    try {
      readers.awaitTermination(5, TimeUnit.SECONDS);
      data.close();
    } catch (IOException | InterruptedException ignored) {
      // closing is best effort
    }
    meta.close();
  }
}
