package io.zoneha.mirror.nbd;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.zoneha.mirror.BlockDevice;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fixed newstyle negotiation: greeting, client flags, then options until GO or EXPORT_NAME hands
 * the connection to the transmission handlers (bytes already read are passed on to them).
 */
final class NbdNegotiationHandler extends ByteToMessageDecoder {
  private final BlockDevice device;
  private final String exportName;
  private final NbdServer.Counters counters;
  private boolean haveClientFlags;
  private boolean noZeroes;

  NbdNegotiationHandler(BlockDevice device, String exportName, NbdServer.Counters counters) {
    this.device = device;
    this.exportName = exportName;
    this.counters = counters;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    ByteBuf g = ctx.alloc().buffer(18);
    g.writeLong(NbdProtocol.NBDMAGIC).writeLong(NbdProtocol.IHAVEOPT);
    g.writeShort(NbdProtocol.FLAG_FIXED_NEWSTYLE | NbdProtocol.FLAG_NO_ZEROES);
    ctx.writeAndFlush(g);
    super.channelActive(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!haveClientFlags) {
      if (in.readableBytes() < 4) {
        return;
      }
      long flags = in.readUnsignedInt();
      if ((flags & ~(long) (NbdProtocol.FLAG_FIXED_NEWSTYLE | NbdProtocol.FLAG_NO_ZEROES)) != 0) {
        throw new CorruptedFrameException("client flags: unknown bits in " + Long.toHexString(flags));
      }
      noZeroes = (flags & NbdProtocol.FLAG_NO_ZEROES) != 0;
      haveClientFlags = true;
    }
    while (ctx.pipeline().get(NbdNegotiationHandler.class) == this && in.readableBytes() >= 16) {
      int start = in.readerIndex();
      long magic = in.getLong(start);
      if (magic != NbdProtocol.IHAVEOPT) {
        throw new CorruptedFrameException("option magic: expected IHAVEOPT, got " + Long.toHexString(magic));
      }
      int option = in.getInt(start + 8);
      long length = in.getUnsignedInt(start + 12);
      if (length > NbdProtocol.MAX_OPTION) {
        throw new CorruptedFrameException("option length: " + length + " bytes exceeds " + NbdProtocol.MAX_OPTION);
      }
      if (in.readableBytes() < 16 + length) {
        return;
      }
      in.skipBytes(16);
      ByteBuf data = in.readSlice((int) length);
      handleOption(ctx, option, data);
    }
  }

  private void handleOption(ChannelHandlerContext ctx, int option, ByteBuf data) {
    switch (option) {
      case NbdProtocol.OPT_EXPORT_NAME -> exportName(ctx, data.toString(StandardCharsets.UTF_8));
      case NbdProtocol.OPT_ABORT -> {
        reply(ctx, option, NbdProtocol.REP_ACK, null);
        ctx.flush();
        ctx.close();
      }
      case NbdProtocol.OPT_LIST -> {
        if (data.readableBytes() != 0) {
          error(ctx, option, NbdProtocol.REP_ERR_INVALID, "LIST takes no data");
          return;
        }
        byte[] name = exportName.getBytes(StandardCharsets.UTF_8);
        ByteBuf b = ctx.alloc().buffer(4 + name.length).writeInt(name.length).writeBytes(name);
        reply(ctx, option, NbdProtocol.REP_SERVER, b);
        reply(ctx, option, NbdProtocol.REP_ACK, null);
        ctx.flush();
      }
      case NbdProtocol.OPT_INFO, NbdProtocol.OPT_GO -> infoOrGo(ctx, option, data);
      default -> {
        error(ctx, option, NbdProtocol.REP_ERR_UNSUP, "option " + option + " is not supported");
      }
    }
  }

  private void infoOrGo(ChannelHandlerContext ctx, int option, ByteBuf data) {
    if (data.readableBytes() < 6) {
      error(ctx, option, NbdProtocol.REP_ERR_INVALID, "option data too short");
      return;
    }
    long nameLen = data.readUnsignedInt();
    if (nameLen > data.readableBytes() - 2) {
      error(ctx, option, NbdProtocol.REP_ERR_INVALID, "export name length " + nameLen + " exceeds the option");
      return;
    }
    String name = data.readCharSequence((int) nameLen, StandardCharsets.UTF_8).toString();
    int requests = data.readUnsignedShort();
    if (data.readableBytes() != 2 * requests) {
      error(ctx, option, NbdProtocol.REP_ERR_INVALID, "information request count does not match the length");
      return;
    }
    if (!knownExport(name)) {
      error(ctx, option, NbdProtocol.REP_ERR_UNKNOWN, "no export named '" + name + "'");
      return;
    }
    boolean blockSize = false;
    for (int i = 0; i < requests; i++) {
      blockSize |= data.readUnsignedShort() == NbdProtocol.INFO_BLOCK_SIZE;
    }
    ByteBuf exp = ctx.alloc().buffer(12).writeShort(NbdProtocol.INFO_EXPORT).writeLong(device.size())
        .writeShort(NbdProtocol.TRANSMISSION_FLAGS);
    reply(ctx, option, NbdProtocol.REP_INFO, exp);
    if (blockSize) {
      ByteBuf bs = ctx.alloc().buffer(14).writeShort(NbdProtocol.INFO_BLOCK_SIZE)
          .writeInt(1).writeInt(device.blockSize()).writeInt(NbdProtocol.MAX_REQUEST);
      reply(ctx, option, NbdProtocol.REP_INFO, bs);
    }
    reply(ctx, option, NbdProtocol.REP_ACK, null);
    ctx.flush();
    if (option == NbdProtocol.OPT_GO) {
      enterTransmission(ctx);
    }
  }

  private void exportName(ChannelHandlerContext ctx, String name) {
    if (!knownExport(name)) {
      // EXPORT_NAME has no error reply: closing is the only answer the protocol allows
      ctx.close();
      return;
    }
    ByteBuf b = ctx.alloc().buffer(134).writeLong(device.size()).writeShort(NbdProtocol.TRANSMISSION_FLAGS);
    if (!noZeroes) {
      b.writeZero(124);
    }
    ctx.writeAndFlush(b);
    enterTransmission(ctx);
  }

  private boolean knownExport(String name) {
    return name.isEmpty() || name.equals(exportName);
  }

  private void enterTransmission(ChannelHandlerContext ctx) {
    ctx.pipeline().addAfter(ctx.name(), "nbd-requests", new NbdRequestDecoder());
    ctx.pipeline().addAfter("nbd-requests", "nbd-transmission", new NbdTransmissionHandler(device, counters));
    ctx.pipeline().remove(this);
  }

  private static void reply(ChannelHandlerContext ctx, int option, int type, ByteBuf data) {
    int len = data == null ? 0 : data.readableBytes();
    ByteBuf h = ctx.alloc().buffer(20).writeLong(NbdProtocol.OPT_REPLY_MAGIC).writeInt(option).writeInt(type).writeInt(len);
    ctx.write(h);
    if (data != null) {
      ctx.write(data);
    }
  }

  private static void error(ChannelHandlerContext ctx, int option, int type, String message) {
    byte[] m = message.getBytes(StandardCharsets.UTF_8);
    reply(ctx, option, type, ctx.alloc().buffer(m.length).writeBytes(m));
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    NbdServer.LOG.warn("nbd client {}: {}; closing", ctx.channel().remoteAddress(), cause.getMessage());
    ctx.close();
  }

  static final ChannelFutureListener CLOSE = ChannelFutureListener.CLOSE;
}
