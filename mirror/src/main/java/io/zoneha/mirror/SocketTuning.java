package io.zoneha.mirror;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.RecvByteBufAllocator;

/** The socket options every NBD and mirror connection uses, in one place. */
public final class SocketTuning {
  /**
   * Large payloads are composed from several reads; a cap on the read size only trades a few more
   * read calls for buffers the allocator hands out from its pools.
   */
  static final int MAX_READ = 128 << 10;

  /**
   * Netty 4.2's default (adaptive) allocator gave up its chunks under this traffic and allocated
   * fresh ones: perf on a primary writing 1 MiB blocks showed 28% of its CPU in the JDK
   * zero-filling new direct memory and the kernel faulting it in. The pooled allocator keeps its
   * arenas, so payload buffers are reused memory.
   */
  public static final ByteBufAllocator BUFFERS = PooledByteBufAllocator.DEFAULT;

  private SocketTuning() {}

  public static ServerBootstrap forAccepted(ServerBootstrap b) {
    return b.option(ChannelOption.ALLOCATOR, BUFFERS)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.ALLOCATOR, BUFFERS)
        .childOption(ChannelOption.RCVBUF_ALLOCATOR, reads());
  }

  public static Bootstrap forConnecting(Bootstrap b) {
    return b.option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.ALLOCATOR, BUFFERS)
        .option(ChannelOption.RCVBUF_ALLOCATOR, reads());
  }

  private static RecvByteBufAllocator reads() {
    return new AdaptiveRecvByteBufAllocator(512, 65536, MAX_READ);
  }
}
