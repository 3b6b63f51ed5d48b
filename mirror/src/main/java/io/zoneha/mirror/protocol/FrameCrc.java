package io.zoneha.mirror.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** CRC32C of the first 28 header bytes and the payload. */
final class FrameCrc {
  private FrameCrc() {}

  static int compute(ByteBuf header28, ByteBuf payload) {
    CRC32C crc = new CRC32C();
    update(crc, header28);
    update(crc, payload);
    return (int) crc.getValue();
  }

  private static void update(CRC32C crc, ByteBuf b) {
    if (b.readableBytes() == 0) {
      return;
    }
    for (ByteBuffer nio : b.nioBuffers(b.readerIndex(), b.readableBytes())) {
      crc.update(nio);
    }
  }
}
