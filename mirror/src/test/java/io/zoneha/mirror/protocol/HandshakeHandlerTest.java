package io.zoneha.mirror.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.DiskState;
import io.zoneha.mirror.storage.Generations;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeHandlerTest {
  private static final long SIZE = 1 << 20; // 16 chunks of 64 KiB: a 2-byte bitmap

  private static Hello hello(long node, Generations g, DiskRole role) {
    return new Hello(node, SIZE, 4096, 65536, g, role, DiskState.UP_TO_DATE, 0);
  }

  /** Records the handshake event and the frames passed on after it. */
  static final class Sink extends ChannelInboundHandlerAdapter {
    HandshakeDone done;
    final List<Object> after = new ArrayList<>();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      done = (HandshakeDone) evt;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      assertNotNull(done, "frames reach the session only after the handshake event");
      after.add(msg);
    }
  }

  private EmbeddedChannel channel(Hello local, byte[] bitmap, Sink sink, List<Throwable> errors) {
    return new EmbeddedChannel(
        new HandshakeHandler(() -> CompletableFuture.completedFuture(new HandshakeOffer(local, bitmap)), 5000),
        sink, new ProtocolErrorHandler(errors::add));
  }

  @Test
  void sendsHelloAndBitmapThenDecidesAndPassesLaterFramesOn() {
    Hello local = hello(1, Generations.of(10, 5, 0, 0), DiskRole.PRIMARY);
    Sink sink = new Sink();
    List<Throwable> errors = new ArrayList<>();
    EmbeddedChannel ch = channel(local, new byte[] {1, 0}, sink, errors);
    Frame h = ch.readOutbound();
    assertEquals(FrameType.HELLO, h.type());
    assertEquals(local, Hello.decode(h.payload()));
    Frame bm = ch.readOutbound();
    assertEquals(FrameType.BITMAP, bm.type());
    assertTrue(bm.has(Frame.FLAG_LAST));

    Hello peer = hello(2, Generations.of(5, 0, 0, 0), DiskRole.SECONDARY);
    ch.writeInbound(new Frame(FrameType.HELLO, 0, 0, 0, peer.encode()));
    assertNull(sink.done);
    ch.writeInbound(new Frame(FrameType.BITMAP, Frame.FLAG_LAST, 0, 0, Unpooled.wrappedBuffer(new byte[] {0, 2})),
        Frame.of(FrameType.WRITE_ACK, 9));
    assertNotNull(sink.done);
    assertEquals(SyncDecision.Outcome.RESYNC_TO_PEER, sink.done.decision().outcome());
    assertArrayEquals(new byte[] {0, 2}, sink.done.peerBitmap());
    assertEquals(1, sink.after.size());
    assertNull(ch.pipeline().get(HandshakeHandler.class), "handler left the pipeline");
    assertTrue(errors.isEmpty());
  }

  @Test
  void splitBrainIsReportedToTheSession() {
    Sink sink = new Sink();
    EmbeddedChannel ch = channel(hello(1, Generations.of(10, 5, 0, 0), DiskRole.SECONDARY),
        new byte[2], sink, new ArrayList<>());
    ch.writeInbound(new Frame(FrameType.HELLO, 0, 0, 0, hello(2, Generations.of(11, 5, 0, 0), DiskRole.PRIMARY).encode()),
        new Frame(FrameType.BITMAP, Frame.FLAG_LAST, 0, 0, Unpooled.wrappedBuffer(new byte[2])));
    assertEquals(SyncDecision.Outcome.SPLIT_BRAIN, sink.done.decision().outcome());
  }

  @Test
  void wrongFirstFrameOrBadBitmapClosesWithTheFieldNamed() {
    assertHandshakeError("type", Frame.of(FrameType.WRITE_ACK, 1));
    Hello peer = hello(2, Generations.of(5, 0, 0, 0), DiskRole.SECONDARY);
    assertHandshakeError("offset", new Frame(FrameType.HELLO, 0, 0, 0, peer.encode()),
        new Frame(FrameType.BITMAP, Frame.FLAG_LAST, 0, 1, Unpooled.wrappedBuffer(new byte[1])));
    assertHandshakeError("length", new Frame(FrameType.HELLO, 0, 0, 0, peer.encode()),
        new Frame(FrameType.BITMAP, Frame.FLAG_LAST, 0, 0, Unpooled.wrappedBuffer(new byte[3])));
    assertHandshakeError("length", new Frame(FrameType.HELLO, 0, 0, 0, peer.encode()),
        new Frame(FrameType.BITMAP, Frame.FLAG_LAST, 0, 0, Unpooled.wrappedBuffer(new byte[1])));
  }

  private void assertHandshakeError(String field, Frame... frames) {
    Sink sink = new Sink();
    List<Throwable> errors = new ArrayList<>();
    EmbeddedChannel ch = channel(hello(1, Generations.of(5, 0, 0, 0), DiskRole.SECONDARY), new byte[2], sink, errors);
    ch.writeInbound((Object[]) frames);
    assertEquals(1, errors.size(), field);
    assertEquals(field, ((FrameException) errors.get(0)).field());
    assertNull(sink.done);
    assertFalse(ch.isOpen());
    ch.finishAndReleaseAll();
  }

  @Test
  void silentPeerTimesOut() {
    List<Throwable> errors = new ArrayList<>();
    // the embedded loop's clock is real time plus what the test advances: frozen before the
    // handler schedules its timeout, a slow machine cannot make it fire before 1000 ms
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.freezeTime();
    ch.pipeline().addLast(
        new HandshakeHandler(() -> CompletableFuture.completedFuture(
            new HandshakeOffer(hello(1, Generations.blank(), DiskRole.SECONDARY), new byte[2])), 1000),
        new ProtocolErrorHandler(errors::add));
    ch.pipeline().fireChannelActive();
    ch.advanceTimeBy(999, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertTrue(ch.isOpen());
    ch.advanceTimeBy(2, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertFalse(ch.isOpen());
    assertEquals("handshake", ((FrameException) errors.get(0)).field());
    ch.finishAndReleaseAll();
  }
}
