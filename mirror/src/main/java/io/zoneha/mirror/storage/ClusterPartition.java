package io.zoneha.mirror.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * The metadata of one copy: two superblock slots (A at 0, B at 4 KiB; each update goes to the
 * older slot, so a torn write leaves the other intact) followed by the dirty bitmap. A file or a
 * block device. Not thread-safe: owned by the mirror thread.
 */
public final class ClusterPartition implements AutoCloseable {
  static final long SLOT_A = 0;
  static final long SLOT_B = Superblock.SLOT_SIZE;
  static final long BITMAP_OFFSET = 2L * Superblock.SLOT_SIZE;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path path;
  private final FileChannel channel;
  private final DirtyBitmap bitmap;
  private Superblock superblock;

  private ClusterPartition(Path path, FileChannel channel, Superblock sb, DirtyBitmap bitmap) {
    this.path = path;
    this.channel = channel;
    this.superblock = sb;
    this.bitmap = bitmap;
  }

  /**
   * Opens the partition; a missing or all-zero one is initialised as a blank secondary with the
   * given geometry. An existing one must match the geometry.
   */
  public static ClusterPartition open(Path path, long deviceSize, int blockSize, int granularity) {
    return open(path, deviceSize, blockSize, granularity, 0);
  }

  /**
   * As {@link #open(Path, long, int, int)}; a partition initialised now gets {@code freshFlags}
   * (e.g. {@link Superblock#FLAG_DATA_BLANK} when the data file is being created with it).
   */
  public static ClusterPartition open(Path path, long deviceSize, int blockSize, int granularity, int freshFlags) {
    try {
      FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      try {
        return openChannel(path, ch, deviceSize, blockSize, granularity, freshFlags);
      } catch (RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("clusterPath " + path + ": " + e.getMessage(), e);
    }
  }

  private static ClusterPartition openChannel(Path path, FileChannel ch, long size, int block, int gran,
      int freshFlags) throws IOException {
    DirtyBitmap bm = new DirtyBitmap(size, gran);
    byte[] a = readAt(ch, SLOT_A, Superblock.SLOT_SIZE);
    byte[] b = readAt(ch, SLOT_B, Superblock.SLOT_SIZE);
    if (isZero(a) && isZero(b)) {
      Superblock fresh = new Superblock(0, newId(), size, block, gran, Generations.blank(),
          DiskRole.SECONDARY, DiskState.UP_TO_DATE, freshFlags);
      ClusterPartition cp = new ClusterPartition(path, ch, fresh, bm);
      cp.writeBitmapFully();
      cp.writeSuperblock(fresh);
      return cp;
    }
    Superblock sb = newestValid(a, b, path);
    if (sb.deviceSize() != size || sb.blockSize() != block || sb.bitmapGranularity() != gran) {
      throw new MetadataException(String.format(
          "clusterPath %s: geometry mismatch: stored size=%d blockSize=%d bitmapGranularity=%d, configured %d/%d/%d",
          path, sb.deviceSize(), sb.blockSize(), sb.bitmapGranularity(), size, block, gran));
    }
    bm.load(readAt(ch, BITMAP_OFFSET, bm.storedBytes()));
    return new ClusterPartition(path, ch, sb, bm);
  }

  /** The valid slot with the higher sequence; both invalid is an error naming both reasons. */
  static Superblock newestValid(byte[] a, byte[] b, Path path) {
    Superblock sa = null;
    Superblock sbb = null;
    String errA = null;
    String errB = null;
    try {
      sa = Superblock.decode(a, "superblock slot A");
    } catch (MetadataException e) {
      errA = e.getMessage();
    }
    try {
      sbb = Superblock.decode(b, "superblock slot B");
    } catch (MetadataException e) {
      errB = e.getMessage();
    }
    if (sa == null && sbb == null) {
      throw new MetadataException("clusterPath " + path + ": no valid superblock: " + errA + "; " + errB);
    }
    if (sa == null) {
      return sbb;
    }
    if (sbb == null) {
      return sa;
    }
    return sa.sequence() >= sbb.sequence() ? sa : sbb;
  }

  public Superblock superblock() {
    return superblock;
  }

  public DirtyBitmap bitmap() {
    return bitmap;
  }

  public Path path() {
    return path;
  }

  /** Writes the next version durably into the older slot and returns it. */
  public Superblock update(Superblock next) {
    Superblock s = next.withSequence(superblock.sequence() + 1);
    writeSuperblock(s);
    return s;
  }

  private void writeSuperblock(Superblock s) {
    long slot = s.sequence() % 2 == 0 ? SLOT_A : SLOT_B;
    try {
      writeAt(channel, slot, s.encode());
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("clusterPath " + path + ": superblock write failed: " + e.getMessage(), e);
    }
    superblock = s;
  }

  /** Writes changed bitmap pages and forces them; true when anything was written. */
  public boolean persistBitmap() {
    if (!bitmap.hasChangedPages()) {
      return false;
    }
    try {
      for (int p : bitmap.takeChangedPages()) {
        writeAt(channel, BITMAP_OFFSET + (long) p * DirtyBitmap.PAGE_BYTES, bitmap.page(p));
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("clusterPath " + path + ": bitmap write failed: " + e.getMessage(), e);
    }
    return true;
  }

  private void writeBitmapFully() throws IOException {
    writeAt(channel, BITMAP_OFFSET, new byte[bitmap.storedBytes()]);
  }

  public static long newId() {
    long id;
    do {
      id = RANDOM.nextLong();
    } while (id == Generations.NONE);
    return id;
  }

  private static byte[] readAt(FileChannel ch, long pos, int len) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(len);
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos + buf.position());
      if (n < 0) {
        break;
      }
    }
    return buf.array();
  }

  private static void writeAt(FileChannel ch, long pos, byte[] data) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(data);
    while (buf.hasRemaining()) {
      ch.write(buf, pos + buf.position());
    }
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing more to do with a partition we are giving up
    }
  }
}
