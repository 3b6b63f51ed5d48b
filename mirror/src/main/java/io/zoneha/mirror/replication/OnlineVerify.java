package io.zoneha.mirror.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zoneha.mirror.storage.DataStore;
import io.zoneha.mirror.storage.DirtyBitmap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** Online verify: chunk checksums compared across the pair while the mirror is in use. */
public final class OnlineVerify {
  /**
   * Bytes of the device read and checksummed per VERIFY frame. The reads run on the copy's event
   * loop, which also serves the NBD export and the mirror link, so one batch stays short.
   */
  static final int BATCH_BYTES = 1 << 20;

  /** Chunks per VERIFY frame for this bitmap granularity. */
  static int batchChunks(int granularity) {
    return Math.max(1, BATCH_BYTES / granularity);
  }

  /** VERIFY frames outstanding at once. */
  static final int MAX_PENDING = 4;

  private OnlineVerify() {}

  /** A byte range of the device whose copies differ. */
  public record Range(long offset, long length) {}

  /** CRC32C of chunks [first, first+count), 4 bytes each. */
  static ByteBuf checksums(DataStore data, DirtyBitmap geometry, int first, int count) {
    ByteBuf out = Unpooled.buffer(4 * count);
    ByteBuffer chunk = ByteBuffer.allocate(geometry.granularity());
    CRC32C crc = new CRC32C();
    for (int c = first; c < first + count; c++) {
      chunk.clear().limit(geometry.chunkLength(c));
      try {
        data.read(geometry.chunkOffset(c), chunk);
      } catch (IOException e) {
        out.release();
        throw new UncheckedIOException("verify read of chunk " + c + " failed", e);
      }
      chunk.flip();
      crc.reset();
      crc.update(chunk);
      out.writeInt((int) crc.getValue());
    }
    return out;
  }

  /** Indexes (relative to {@code first}) where {@code theirs} differs from the local chunks. */
  static ByteBuf differing(DataStore data, DirtyBitmap geometry, int first, ByteBuf theirs) {
    int count = theirs.readableBytes() / 4;
    ByteBuf mine = checksums(data, geometry, first, count);
    try {
      ByteBuf out = Unpooled.buffer();
      for (int i = 0; i < count; i++) {
        if (mine.getInt(4 * i) != theirs.getInt(theirs.readerIndex() + 4 * i)) {
          out.writeInt(i);
        }
      }
      return out;
    } finally {
      mine.release();
    }
  }

  /** Adjacent differing chunks merged into ranges, ascending. */
  static List<Range> ranges(List<Integer> chunks, DirtyBitmap geometry) {
    List<Integer> sorted = new ArrayList<>(chunks);
    sorted.sort(null);
    List<Range> out = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      int start = sorted.get(i);
      int end = start;
      while (i + 1 < sorted.size() && sorted.get(i + 1) == end + 1) {
        end = sorted.get(++i);
      }
      long off = geometry.chunkOffset(start);
      out.add(new Range(off, geometry.chunkOffset(end) + geometry.chunkLength(end) - off));
      i++;
    }
    return out;
  }
}
