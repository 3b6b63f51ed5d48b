package io.zoneha.mirror.replication;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.zoneha.mirror.protocol.Frame;
import io.zoneha.mirror.protocol.HandshakeDone;
import java.util.ArrayList;
import java.util.List;

/** Hands the session's events to the {@link Replicator}, frames batched per socket read. */
final class SessionHandler extends ChannelInboundHandlerAdapter {
  private final Replicator replicator;
  private List<Frame> batch = new ArrayList<>();

  SessionHandler(Replicator replicator) {
    this.replicator = replicator;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    replicator.onActive(ctx.channel());
    ctx.fireChannelActive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof HandshakeDone hd) {
      replicator.onHandshake(ctx.channel(), hd);
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    batch.add((Frame) msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (!batch.isEmpty()) {
      replicator.onFrames(ctx.channel(), batch);
      batch = new ArrayList<>();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    batch.forEach(Frame::release);
    batch.clear();
    replicator.onClosed(ctx.channel());
    ctx.fireChannelInactive();
  }
}
