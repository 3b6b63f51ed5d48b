package io.zoneha.mirror.nbd;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.zoneha.mirror.BlockDevice;
import io.zoneha.mirror.SocketTuning;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An NBD server exporting one {@link BlockDevice}; start it on the primary only. */
public final class NbdServer implements AutoCloseable {
  static final Logger LOG = LoggerFactory.getLogger(NbdServer.class);

  /** The loops this server made for itself (null when it runs on the device's loop). */
  private final EventLoopGroup ownGroup;
  private final ChannelGroup channels;
  private final Counters counters;
  private final Channel server;

  private NbdServer(EventLoopGroup ownGroup, Channel server, ChannelGroup channels, Counters counters) {
    this.ownGroup = ownGroup;
    this.server = server;
    this.channels = channels;
    this.counters = counters;
  }

  /**
   * Binds {@code address} (port 0 picks one) and serves {@code device} as {@code exportName}, on
   * the device's own event loop when it has one.
   */
  public static NbdServer start(BlockDevice device, InetSocketAddress address, String exportName)
      throws InterruptedException {
    EventLoopGroup own = device.eventLoop() == null
        ? new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("zoneha-nbd", true), NioIoHandler.newFactory())
        : null;
    EventLoopGroup group = own == null ? device.eventLoop() : own;
    ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    Counters counters = new Counters();
    try {
      Channel ch = SocketTuning.forAccepted(new ServerBootstrap().group(group).channel(NioServerSocketChannel.class))
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
              channels.add(c);
              c.pipeline().addLast("nbd-negotiation", new NbdNegotiationHandler(device, exportName, counters));
            }
          })
          .bind(address).sync().channel();
      LOG.info("nbd export '{}' ({} bytes) on {}", exportName, device.size(), ch.localAddress());
      return new NbdServer(own, ch, channels, counters);
    } catch (InterruptedException | RuntimeException e) {
      if (own != null) {
        own.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      }
      throw e;
    }
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  public Counters counters() {
    return counters;
  }

  /** Stops accepting, closes every client connection and the event loops it made. */
  @Override
  public void close() {
    server.close().syncUninterruptibly();
    channels.close().syncUninterruptibly();
    if (ownGroup != null) {
      ownGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** Completed requests and bytes, by kind. */
  public static final class Counters {
    public final AtomicLong reads = new AtomicLong();
    public final AtomicLong writes = new AtomicLong();
    public final AtomicLong flushes = new AtomicLong();
    public final AtomicLong bytesWritten = new AtomicLong();
    public final AtomicLong bytesRead = new AtomicLong();

    void count(int type, long length) {
      switch (type) {
        case NbdProtocol.CMD_READ -> {
          reads.incrementAndGet();
          bytesRead.addAndGet(length);
        }
        case NbdProtocol.CMD_WRITE -> {
          writes.incrementAndGet();
          bytesWritten.addAndGet(length);
        }
        case NbdProtocol.CMD_FLUSH -> flushes.incrementAndGet();
        default -> { }
      }
    }
  }
}
