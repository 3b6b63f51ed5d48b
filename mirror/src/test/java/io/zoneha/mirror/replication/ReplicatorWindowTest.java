package io.zoneha.mirror.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.zoneha.mirror.protocol.Frame;
import io.zoneha.mirror.protocol.FrameType;
import io.zoneha.mirror.protocol.HandshakeDone;
import io.zoneha.mirror.protocol.Hello;
import io.zoneha.mirror.protocol.SyncDecision;
import io.zoneha.mirror.storage.ClusterPartition;
import io.zoneha.mirror.storage.DataStore;
import io.zoneha.mirror.storage.DiskRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replicator's streaming state machine against an EmbeddedChannel standing in for the peer. */
class ReplicatorWindowTest {
  private static final long SIZE = 4L << 20;
  @TempDir Path dir;
  private DefaultEventExecutor thread;
  private DataStore data;
  private ClusterPartition meta;
  private Replicator r;
  private EmbeddedChannel peer;

  @BeforeEach
  void setUp() throws Exception {
    thread = new DefaultEventExecutor();
    MirrorSettings s = new MirrorSettings(SIZE, 4096, 65536, MirrorMode.SYNC, 4, 1 << 20, 2,
        Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(5), 1 << 20,
        Duration.ZERO, MirrorSettings.UNLIMITED, io.zoneha.mirror.protocol.InitialCopy.UNSET).validate();
    data = DataStore.open(dir.resolve("d"), SIZE);
    meta = ClusterPartition.open(dir.resolve("m"), SIZE, 4096, 65536, io.zoneha.mirror.storage.Superblock.FLAG_DATA_BLANK);
    r = new Replicator("t", thread, data, meta, s);
    peer = new EmbeddedChannel();
    r.onActive(peer);
    Hello local = r.offer().get(5, TimeUnit.SECONDS).hello();
    Hello remote = new Hello(local.nodeId() + 1, SIZE, 4096, 65536, local.generations(), DiskRole.SECONDARY,
        local.state(), 0);
    r.onHandshake(peer, new HandshakeDone(local, remote, new byte[8],
        new SyncDecision.Decision(SyncDecision.Outcome.NO_SYNC, false, "test")));
    sync();
    assertEquals(PeerState.STREAMING, r.stats().peerState());
    r.becomePrimary(false).get(5, TimeUnit.SECONDS);
    Frame role = peer.readOutbound();
    assertEquals(FrameType.ROLE, role.type());
    role.release();
  }

  @AfterEach
  void tearDown() throws Exception {
    thread.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    peer.finishAndReleaseAll();
    data.close();
    meta.close();
  }

  private void sync() throws Exception {
    r.call(() -> null).get(5, TimeUnit.SECONDS);
  }

  private List<Frame> sent() {
    List<Frame> out = new ArrayList<>();
    for (Object o = peer.readOutbound(); o != null; o = peer.readOutbound()) {
      out.add((Frame) o);
    }
    return out;
  }

  private void ack(Frame f) throws Exception {
    FrameType t = f.type() == FrameType.FLUSH ? FrameType.FLUSH_ACK : FrameType.WRITE_ACK;
    r.onFrames(peer, List.of(Frame.of(t, f.requestId())));
    sync();
  }

  @Test
  void windowBoundsFramesInFlightAndSyncWritesWaitForThePeer() throws Exception {
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      writes.add(r.write(i * 4096L, Unpooled.wrappedBuffer(new byte[4096]), false));
    }
    sync();
    List<Frame> first = sent();
    assertEquals(4, first.size(), "only the window's worth of frames is on the wire");
    assertFalse(writes.get(0).isDone(), "sync write waits for the peer");
    assertTrue(r.stats().dirtyBytes() > 0, "bits set before the write");

    ack(first.get(0));
    assertTrue(writes.get(0).isDone());
    List<Frame> next = sent();
    assertEquals(1, next.size(), "one ack frees one slot");
    assertEquals(4 * 4096L, next.get(0).offset(), "frames keep their order");
    first.forEach(Frame::release);
    next.forEach(Frame::release);
  }

  @Test
  void flushIsABarrierOrderedAfterEarlierWrites() throws Exception {
    CompletableFuture<Void> w = r.write(0, Unpooled.wrappedBuffer(new byte[512]), true);
    CompletableFuture<Void> f = r.flush();
    sync();
    List<Frame> frames = sent();
    assertEquals(List.of(FrameType.WRITE, FrameType.FLUSH), frames.stream().map(Frame::type).toList());
    assertTrue(frames.get(0).has(Frame.FLAG_FUA), "FUA travels to the peer");
    ack(frames.get(1));
    assertTrue(f.isDone());
    assertFalse(w.isDone());
    ack(frames.get(0));
    assertTrue(w.isDone());
    frames.forEach(Frame::release);
  }

  @Test
  void peerErrorDegradesWithoutLosingOrBlockingWrites() throws Exception {
    CompletableFuture<Void> w = r.write(65536, Unpooled.wrappedBuffer(new byte[4096]), false);
    sync();
    List<Frame> frames = sent();
    r.onFrames(peer, List.of(Frame.error(frames.get(0).requestId(), 28, "no space left on the secondary")));
    sync();
    w.get(5, TimeUnit.SECONDS); // completed locally, not blocked
    assertEquals(PeerState.DISCONNECTED, r.stats().peerState());
    assertTrue(r.stats().lastProblem().contains("no space left"), r.stats().lastProblem());
    assertEquals(Replicator.ACTIVITY_EXTENT, r.stats().dirtyBytes(), "the write's activity extent is tracked for the resync");
    assertFalse(peer.isOpen());
    assertNull(peer.readOutbound());
    frames.forEach(Frame::release);
  }

  @Test
  void unknownAckIsAProtocolErrorThatDropsTheSession() throws Exception {
    r.onFrames(peer, List.of(Frame.of(FrameType.WRITE_ACK, 12345)));
    sync();
    assertEquals(PeerState.DISCONNECTED, r.stats().peerState());
    assertTrue(r.stats().lastProblem().contains("unknown request 12345"), r.stats().lastProblem());
  }
}
