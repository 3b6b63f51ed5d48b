package io.zoneha.mirror.nbd;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.zoneha.mirror.BlockDevice;
import io.zoneha.mirror.replication.MirrorIoException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs requests against the device and answers each with a simple reply as soon as it is done
 * (out of order). Too many requests in flight pause reading from the socket (backpressure).
 */
final class NbdTransmissionHandler extends ChannelInboundHandlerAdapter {
  private static final int HIGH_WATER = 128;
  private static final int LOW_WATER = 64;

  private final BlockDevice device;
  private final NbdServer.Counters counters;
  private int outstanding;
  private boolean disconnecting;
  private boolean flushScheduled;

  NbdTransmissionHandler(BlockDevice device, NbdServer.Counters counters) {
    this.device = device;
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    NbdRequest r = (NbdRequest) msg;
    if (disconnecting) {
      release(r);
      return;
    }
    if (r.type() == NbdProtocol.CMD_DISC) {
      disconnecting = true;
      closeWhenIdle(ctx);
      return;
    }
    int err = validate(r);
    if (err != 0) {
      release(r);
      reply(ctx, r.handle(), err, null);
      return;
    }
    outstanding++;
    if (outstanding >= HIGH_WATER) {
      ctx.channel().config().setAutoRead(false);
    }
    dispatch(r).whenComplete((data, t) -> {
      if (ctx.executor().inEventLoop()) {
        complete(ctx, r, data, t);
      } else {
        ctx.executor().execute(() -> complete(ctx, r, data, t));
      }
    });
  }

  private int validate(NbdRequest r) {
    if ((r.flags() & ~NbdProtocol.CMD_FLAGS_KNOWN) != 0) {
      return NbdProtocol.EINVAL;
    }
    boolean known = switch (r.type()) {
      case NbdProtocol.CMD_READ, NbdProtocol.CMD_WRITE, NbdProtocol.CMD_FLUSH, NbdProtocol.CMD_TRIM,
          NbdProtocol.CMD_WRITE_ZEROES -> true;
      default -> false;
    };
    if (!known) {
      return NbdProtocol.EINVAL;
    }
    if (r.type() == NbdProtocol.CMD_FLUSH) {
      return 0;
    }
    if (r.type() == NbdProtocol.CMD_READ && r.length() > NbdProtocol.MAX_REQUEST) {
      return NbdProtocol.EINVAL;
    }
    if (r.length() == 0 || r.offset() < 0 || r.offset() + r.length() > device.size() || r.offset() + r.length() < 0) {
      return r.type() == NbdProtocol.CMD_READ || r.length() == 0 ? NbdProtocol.EINVAL : NbdProtocol.ENOSPC;
    }
    return 0;
  }

  private CompletableFuture<ByteBuf> dispatch(NbdRequest r) {
    try {
      return switch (r.type()) {
        case NbdProtocol.CMD_READ -> device.read(r.offset(), (int) r.length());
        case NbdProtocol.CMD_WRITE -> device.write(r.offset(), r.data(), r.fua()).thenApply(v -> null);
        case NbdProtocol.CMD_FLUSH -> device.flush().thenApply(v -> null);
        // TRIM may leave any content; zeroing keeps both copies identical and reads predictable
        case NbdProtocol.CMD_TRIM, NbdProtocol.CMD_WRITE_ZEROES ->
            device.writeZeroes(r.offset(), r.length(), r.fua()).thenApply(v -> null);
        default -> throw new IllegalStateException("validated type " + r.type());
      };
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void complete(ChannelHandlerContext ctx, NbdRequest r, ByteBuf data, Throwable t) {
    outstanding--;
    if (t != null) {
      reply(ctx, r.handle(), errno(t), null);
    } else {
      counters.count(r.type(), r.length());
      reply(ctx, r.handle(), 0, data);
    }
    if (outstanding < LOW_WATER && !ctx.channel().config().isAutoRead() && !disconnecting) {
      ctx.channel().config().setAutoRead(true);
    }
    if (disconnecting) {
      closeWhenIdle(ctx);
    }
  }

  private void closeWhenIdle(ChannelHandlerContext ctx) {
    if (outstanding == 0) {
      ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(NbdNegotiationHandler.CLOSE);
    }
  }

  static int errno(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (c instanceof MirrorIoException m) {
      return switch (m.kind()) {
        case NOT_PRIMARY, NOT_UP_TO_DATE, NO_INITIAL_COPY -> NbdProtocol.EPERM;
        case OUT_OF_RANGE -> NbdProtocol.EINVAL;
        case CLOSED -> NbdProtocol.ESHUTDOWN;
        case IO_ERROR -> NbdProtocol.EIO;
      };
    }
    return NbdProtocol.EIO;
  }

  /**
   * Queues the reply; one flush task sends every reply queued before it runs. Completions arrive
   * as separate tasks on this event loop, so under load many replies share one socket write
   * instead of one syscall (and one client wake-up) each.
   */
  private void reply(ChannelHandlerContext ctx, long handle, int error, ByteBuf data) {
    ByteBuf h = ctx.alloc().buffer(16).writeInt(NbdProtocol.SIMPLE_REPLY_MAGIC).writeInt(error).writeLong(handle);
    ctx.write(h, ctx.voidPromise());
    if (data != null) {
      ctx.write(data, ctx.voidPromise());
    }
    if (!flushScheduled) {
      flushScheduled = true;
      ctx.executor().execute(() -> {
        flushScheduled = false;
        ctx.flush();
      });
    }
  }

  private static void release(NbdRequest r) {
    if (r.data() != null) {
      r.data().release();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    NbdServer.LOG.warn("nbd client {}: {}; closing", ctx.channel().remoteAddress(), cause.getMessage());
    ctx.close();
  }
}
