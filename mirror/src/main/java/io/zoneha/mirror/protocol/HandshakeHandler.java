package io.zoneha.mirror.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends this side's HELLO and bitmap, reads the peer's, decides with {@link SyncDecision} and
 * fires {@link HandshakeDone}; then leaves the pipeline. Frames the peer sends after its own
 * handshake (it may finish first) are held and passed on after the event.
 */
public final class HandshakeHandler extends ChannelInboundHandlerAdapter {
  public static final int BITMAP_PIECE = 1 << 20;

  private final Supplier<CompletionStage<HandshakeOffer>> offers;
  private final long timeoutMillis;
  private final Queue<Frame> early = new ArrayDeque<>();
  private HandshakeOffer sent;
  private Hello peer;
  private byte[] peerBitmap;
  private int peerBitmapReceived;
  private boolean peerDone;
  private boolean finished;
  private ScheduledFuture<?> timeout;

  public HandshakeHandler(Supplier<CompletionStage<HandshakeOffer>> offers, long timeoutMillis) {
    this.offers = offers;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    timeout = ctx.executor().schedule(() -> {
      ctx.fireExceptionCaught(new FrameException("handshake", "no handshake within " + timeoutMillis + " ms"));
    }, timeoutMillis, TimeUnit.MILLISECONDS);
    offers.get().whenComplete((offer, err) -> ctx.executor().execute(() -> {
      if (err != null) {
        ctx.fireExceptionCaught(err);
        return;
      }
      send(ctx, offer);
    }));
    ctx.fireChannelActive();
  }

  private void send(ChannelHandlerContext ctx, HandshakeOffer offer) {
    if (!ctx.channel().isActive()) {
      return;
    }
    ctx.write(new Frame(FrameType.HELLO, 0, 0, 0, offer.hello().encode()));
    byte[] bm = offer.bitmap();
    int pos = 0;
    do {
      int n = Math.min(BITMAP_PIECE, bm.length - pos);
      boolean last = pos + n >= bm.length;
      ctx.write(new Frame(FrameType.BITMAP, last ? Frame.FLAG_LAST : 0, 0, pos,
          Unpooled.wrappedBuffer(bm, pos, n)));
      pos += n;
    } while (pos < bm.length);
    ctx.flush();
    sent = offer;
    maybeFinish(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Frame f = (Frame) msg;
    if (peerDone) {
      early.add(f);
      return;
    }
    try {
      if (peer == null) {
        if (f.type() != FrameType.HELLO) {
          throw new FrameException("type", "expected HELLO to open the handshake, got " + f.type());
        }
        peer = Hello.decode(f.payload());
        peerBitmap = new byte[bitmapBytes(peer)];
      } else {
        readBitmap(f);
      }
    } finally {
      f.release();
    }
    maybeFinish(ctx);
  }

  private void readBitmap(Frame f) {
    if (f.type() != FrameType.BITMAP) {
      throw new FrameException("type", "expected BITMAP during the handshake, got " + f.type());
    }
    if (f.offset() != peerBitmapReceived) {
      throw new FrameException("offset", "bitmap piece at " + f.offset() + ", expected " + peerBitmapReceived);
    }
    if (peerBitmapReceived + f.length() > peerBitmap.length) {
      throw new FrameException("length", "bitmap longer than the " + peerBitmap.length + " bytes the peer's size implies");
    }
    f.payload().getBytes(f.payload().readerIndex(), peerBitmap, peerBitmapReceived, f.length());
    peerBitmapReceived += f.length();
    if (f.has(Frame.FLAG_LAST)) {
      if (peerBitmapReceived != peerBitmap.length) {
        throw new FrameException("length", "bitmap ended after " + peerBitmapReceived + " of " + peerBitmap.length + " bytes");
      }
      peerDone = true;
    }
  }

  private static int bitmapBytes(Hello h) {
    if (h.granularity() <= 0) {
      throw new FrameException("hello.granularity", "not positive: " + h.granularity());
    }
    long chunks = (h.deviceSize() + h.granularity() - 1) / h.granularity();
    if (chunks > Integer.MAX_VALUE / 2) {
      throw new FrameException("hello.granularity", "bitmap too large for size " + h.deviceSize());
    }
    return (int) ((chunks + 7) / 8);
  }

  private void maybeFinish(ChannelHandlerContext ctx) {
    if (finished || sent == null || !peerDone) {
      return;
    }
    finished = true;
    timeout.cancel(false);
    SyncDecision.Decision d = SyncDecision.decide(sent.hello(), peer);
    ctx.fireUserEventTriggered(new HandshakeDone(sent.hello(), peer, peerBitmap, d));
    while (!early.isEmpty()) {
      ctx.fireChannelRead(early.poll());
    }
    ctx.pipeline().remove(this);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    Frame f;
    while ((f = early.poll()) != null) {
      f.release();
    }
    if (timeout != null) {
      timeout.cancel(false);
    }
  }
}
