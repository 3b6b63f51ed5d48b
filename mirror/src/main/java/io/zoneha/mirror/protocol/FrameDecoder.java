package io.zoneha.mirror.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Bytes -> {@link Frame}, validating every header field before anything is passed on. After the
 * first bad frame all further input is dropped; the error handler closes the connection.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  private final int maxPayload;
  private boolean failed;

  public FrameDecoder(int maxPayload) {
    this.maxPayload = maxPayload;
    // large payloads arrive in many socket reads: compose them instead of re-copying
    setCumulator(COMPOSITE_CUMULATOR);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < Frame.HEADER_SIZE) {
      return;
    }
    int start = in.readerIndex();
    try {
      FrameType type = checkHeader(in, start);
      int length = in.getInt(start + 24);
      if (in.readableBytes() < Frame.HEADER_SIZE + length) {
        return;
      }
      int crc = FrameCrc.compute(in.slice(start, 28), in.slice(start + Frame.HEADER_SIZE, length));
      if (crc != in.getInt(start + 28)) {
        throw new FrameException("crc", "checksum mismatch in " + type + " frame");
      }
      int flags = in.getUnsignedShort(start + 6);
      long requestId = in.getLong(start + 8);
      long offset = in.getLong(start + 16);
      in.skipBytes(Frame.HEADER_SIZE);
      out.add(new Frame(type, flags, requestId, offset, in.readRetainedSlice(length)));
    } catch (FrameException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }

  private FrameType checkHeader(ByteBuf in, int start) {
    int magic = in.getInt(start);
    if (magic != Frame.MAGIC) {
      throw new FrameException("magic", String.format("expected %08x, got %08x", Frame.MAGIC, magic));
    }
    int version = in.getUnsignedByte(start + 4);
    if (version != Frame.VERSION) {
      throw new FrameException("version", "unsupported protocol version " + version);
    }
    int code = in.getUnsignedByte(start + 5);
    FrameType type = FrameType.ofCode(code);
    if (type == null) {
      throw new FrameException("type", "unknown frame type " + code);
    }
    int flags = in.getUnsignedShort(start + 6);
    if ((flags & ~type.allowedFlags()) != 0) {
      throw new FrameException("flags", String.format("flags %04x not allowed on %s", flags, type));
    }
    long offset = in.getLong(start + 16);
    if (offset < 0) {
      throw new FrameException("offset", "negative offset " + offset);
    }
    long length = in.getUnsignedInt(start + 24);
    if (length > maxPayload) {
      throw new FrameException("length", "payload of " + length + " bytes exceeds the limit of " + maxPayload);
    }
    return type;
  }
}
