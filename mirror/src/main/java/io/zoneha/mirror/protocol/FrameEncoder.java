package io.zoneha.mirror.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Frame -> header buffer + the payload itself (no copy of the data). */
@Sharable
public final class FrameEncoder extends MessageToMessageEncoder<Frame> {
  public FrameEncoder() {
    super(Frame.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Frame f, List<Object> out) {
    ByteBuf header = ctx.alloc().buffer(Frame.HEADER_SIZE);
    header.writeInt(Frame.MAGIC).writeByte(Frame.VERSION).writeByte(f.type().code());
    header.writeShort(f.flags()).writeLong(f.requestId()).writeLong(f.offset());
    header.writeInt(f.length());
    header.writeInt(FrameCrc.compute(header, f.payload()));
    out.add(header);
    // Frame is not reference counted itself, so ownership of the payload passes to the write
    out.add(f.payload());
  }

  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return msg instanceof Frame;
  }
}
