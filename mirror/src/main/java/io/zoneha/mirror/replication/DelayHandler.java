package io.zoneha.mirror.replication;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.TimeUnit;

/**
 * Test and benchmark transport: holds every outbound frame for a fixed time, emulating a link
 * with that much extra one-way latency. Equal delays keep the order (earlier deadline first).
 */
final class DelayHandler extends ChannelDuplexHandler {
  private final long delayNanos;

  DelayHandler(long delayNanos) {
    this.delayNanos = delayNanos;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.executor().schedule(() -> {
      ctx.write(msg, promise);
      ctx.flush();
    }, delayNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    // each delayed write flushes itself
  }
}
