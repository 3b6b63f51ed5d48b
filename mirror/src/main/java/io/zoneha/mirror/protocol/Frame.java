package io.zoneha.mirror.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * One replication frame. Wire layout (big endian, 32-byte header then payload):
 * magic u32, version u8, type u8, flags u16, requestId u64, offset u64, payload length u32,
 * CRC32C u32 over the first 28 header bytes followed by the payload.
 * The payload is reference counted; whoever consumes a frame releases it.
 */
public record Frame(FrameType type, int flags, long requestId, long offset, ByteBuf payload) {
  public static final int MAGIC = 0x5A484D52; // "ZHMR"
  public static final int VERSION = 1;
  public static final int HEADER_SIZE = 32;
  public static final int FLAG_FUA = 1;
  public static final int FLAG_RESYNC = 2;
  public static final int FLAG_LAST = 4;

  public static Frame of(FrameType type, long requestId) {
    return new Frame(type, 0, requestId, 0, Unpooled.EMPTY_BUFFER);
  }

  public static Frame longPayload(FrameType type, long requestId, long offset, long value) {
    return new Frame(type, 0, requestId, offset, Unpooled.buffer(8).writeLong(value));
  }

  public static Frame error(long requestId, int code, String message) {
    ByteBuf b = Unpooled.buffer();
    b.writeInt(code).writeCharSequence(message, StandardCharsets.UTF_8);
    return new Frame(FrameType.ERROR, 0, requestId, 0, b);
  }

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  public int length() {
    return payload.readableBytes();
  }

  public void release() {
    ReferenceCountUtil.release(payload);
  }

  @Override
  public String toString() {
    return type + "{id=" + requestId + " off=" + offset + " len=" + length() + " flags=" + flags + "}";
  }
}
