package io.zoneha.mirror.nbd;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Bytes -> {@link NbdRequest}. A wrong magic or a WRITE larger than {@link NbdProtocol#MAX_REQUEST}
 * cannot be skipped safely, so it closes the connection; other bad requests are passed on and
 * answered with an errno by the transmission handler.
 */
final class NbdRequestDecoder extends ByteToMessageDecoder {
  private static final int HEADER = 28;

  NbdRequestDecoder() {
    // large WRITE payloads arrive in many socket reads: compose them instead of re-copying
    setCumulator(COMPOSITE_CUMULATOR);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.readableBytes() < HEADER) {
      return;
    }
    int start = in.readerIndex();
    int magic = in.getInt(start);
    if (magic != NbdProtocol.REQUEST_MAGIC) {
      in.skipBytes(in.readableBytes());
      throw new CorruptedFrameException(String.format("request magic: expected %08x, got %08x",
          NbdProtocol.REQUEST_MAGIC, magic));
    }
    int type = in.getUnsignedShort(start + 6);
    long length = in.getUnsignedInt(start + 24);
    int payload = 0;
    if (type == NbdProtocol.CMD_WRITE) {
      if (length > NbdProtocol.MAX_REQUEST) {
        in.skipBytes(in.readableBytes());
        throw new CorruptedFrameException("request length: WRITE of " + length + " bytes exceeds "
            + NbdProtocol.MAX_REQUEST);
      }
      payload = (int) length;
    }
    if (in.readableBytes() < HEADER + payload) {
      return;
    }
    int flags = in.getUnsignedShort(start + 4);
    long handle = in.getLong(start + 8);
    long offset = in.getLong(start + 16);
    in.skipBytes(HEADER);
    ByteBuf data = type == NbdProtocol.CMD_WRITE ? in.readRetainedSlice(payload) : null;
    out.add(new NbdRequest(flags, type, handle, offset, length, data));
  }
}
