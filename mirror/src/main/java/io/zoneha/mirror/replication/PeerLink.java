package io.zoneha.mirror.replication;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.zoneha.mirror.SocketTuning;
import io.zoneha.mirror.protocol.FrameDecoder;
import io.zoneha.mirror.protocol.FrameEncoder;
import io.zoneha.mirror.protocol.HandshakeHandler;
import io.zoneha.mirror.protocol.ProtocolErrorHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The TCP link to the peer: always listens; the initiator (one side of each pair, chosen by
 * configuration) also connects and reconnects every {@code reconnectInterval} while disconnected.
 */
public final class PeerLink implements AutoCloseable {
  private static final FrameEncoder ENCODER = new FrameEncoder();

  private final Replicator replicator;
  private final MirrorSettings settings;
  private final EventLoopGroup group;
  private final InetSocketAddress peerAddress;
  private final boolean initiator;
  private Channel server;
  private ScheduledFuture<?> reconnect;
  private volatile Channel client;
  private volatile boolean enabled = true;
  private final io.netty.channel.group.ChannelGroup accepted =
      new io.netty.channel.group.DefaultChannelGroup(io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);

  public PeerLink(Replicator replicator, MirrorSettings settings, EventLoopGroup group,
      InetSocketAddress peerAddress, boolean initiator) {
    this.replicator = replicator;
    this.settings = settings;
    this.group = group;
    this.peerAddress = peerAddress;
    this.initiator = initiator;
  }

  /** Binds the listening socket (port 0 picks a free one) and starts connecting if initiator. */
  public InetSocketAddress start(InetSocketAddress listen) throws InterruptedException {
    ServerBootstrap sb = SocketTuning.forAccepted(new ServerBootstrap().group(group).channel(NioServerSocketChannel.class))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (!enabled) {
              ch.close();
              return;
            }
            accepted.add(ch);
            ch.pipeline().addLast(initializer());
          }
        });
    server = sb.bind(listen).sync().channel();
    if (initiator) {
      long ms = settings.reconnectInterval().toMillis();
      reconnect = group.next().scheduleWithFixedDelay(this::tryConnect, 0, ms, TimeUnit.MILLISECONDS);
    }
    return (InetSocketAddress) server.localAddress();
  }

  private ChannelInitializer<SocketChannel> initializer() {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(
            new FrameDecoder(settings.maxPayload() + 64),
            ENCODER,
            new HandshakeHandler(replicator::offer, settings.handshakeTimeout().toMillis()),
            new SessionHandler(replicator),
            new ProtocolErrorHandler(replicator::onProtocolError));
        if (!settings.peerDelay().isZero()) {
          ch.pipeline().addAfter(ch.pipeline().context(ENCODER).name(), "delay",
              new DelayHandler(settings.peerDelay().toNanos()));
        }
      }
    };
  }

  private void tryConnect() {
    Channel c = client;
    if (!enabled || (c != null && c.isOpen()) || !replicator.mayConnect()) {
      return;
    }
    replicator.onConnecting();
    ChannelFuture f = SocketTuning.forConnecting(new Bootstrap().group(group).channel(NioSocketChannel.class))
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1000, settings.reconnectInterval().toMillis()))
        .handler(initializer())
        .connect(peerAddress);
    client = f.channel();
    f.addListener(done -> {
      if (!done.isSuccess()) {
        replicator.onConnectFailed();
      }
    });
  }

  /** Cuts the link and keeps it down until {@link #reconnect()} (a network partition). */
  public void disconnect() {
    enabled = false;
    Channel c = client;
    if (c != null) {
      c.close().syncUninterruptibly();
    }
    accepted.close().syncUninterruptibly();
  }

  public void reconnect() {
    enabled = true;
  }

  /** False while cut by {@link #disconnect()} (a pause): no connection is made or accepted. */
  public boolean enabled() {
    return enabled;
  }

  public boolean initiator() {
    return initiator;
  }

  @Override
  public void close() {
    if (reconnect != null) {
      reconnect.cancel(false);
    }
    Channel c = client;
    if (c != null) {
      c.close().syncUninterruptibly();
    }
    accepted.close().syncUninterruptibly();
    if (server != null) {
      server.close().syncUninterruptibly();
    }
  }
}
