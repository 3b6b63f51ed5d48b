package io.zoneha.mirror.storage;

import java.util.BitSet;

/**
 * One bit per chunk of {@code granularity} bytes: set when the chunk may differ from the peer.
 * In memory; remembers which 4 KiB pages changed since the last {@link #takeChangedPages()} so the
 * cluster partition writes only those. Not thread-safe: owned by the mirror thread.
 */
public final class DirtyBitmap {
  public static final int PAGE_BYTES = 4096;
  private static final int PAGE_BITS = PAGE_BYTES * 8;

  private final long deviceSize;
  private final int granularity;
  private final int chunks;
  private final BitSet bits;
  private final BitSet changedPages = new BitSet();
  /** Set bits, kept up to date: the mirror publishes it after every batch of writes. */
  private int count;

  public DirtyBitmap(long deviceSize, int granularity) {
    long n = MirrorGeometry.chunks(deviceSize, granularity);
    if (n > Integer.MAX_VALUE - PAGE_BITS) {
      throw new IllegalArgumentException("bitmapGranularity: too fine for a device of " + deviceSize + " bytes");
    }
    this.deviceSize = deviceSize;
    this.granularity = granularity;
    this.chunks = (int) n;
    this.bits = new BitSet(chunks);
  }

  public int granularity() {
    return granularity;
  }

  public int chunks() {
    return chunks;
  }

  /** Bytes the bitmap needs on disk, whole pages. */
  public int storedBytes() {
    int raw = (chunks + 7) / 8;
    return (raw + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES;
  }

  /** Marks the chunks touched by [offset, offset+length); true when a bit was newly set. */
  public boolean mark(long offset, long length) {
    if (length <= 0) {
      return false;
    }
    int first = (int) (offset / granularity);
    int last = (int) ((offset + length - 1) / granularity);
    boolean changed = false;
    for (int c = first; c <= last; c++) {
      if (!bits.get(c)) {
        bits.set(c);
        count++;
        changedPages.set(c / PAGE_BITS);
        changed = true;
      }
    }
    return changed;
  }

  public void set(int chunk) {
    if (!bits.get(chunk)) {
      bits.set(chunk);
      count++;
      changedPages.set(chunk / PAGE_BITS);
    }
  }

  public void clear(int chunk) {
    if (bits.get(chunk)) {
      bits.clear(chunk);
      count--;
      changedPages.set(chunk / PAGE_BITS);
    }
  }

  public void clearAll() {
    for (int c = bits.nextSetBit(0); c >= 0; c = bits.nextSetBit(c + 1)) {
      changedPages.set(c / PAGE_BITS);
    }
    bits.clear();
    count = 0;
  }

  public boolean get(int chunk) {
    return bits.get(chunk);
  }

  public int nextSet(int from) {
    return bits.nextSetBit(from);
  }

  public int count() {
    return count;
  }

  /** Bytes of the device covered by set bits (the last chunk may be short). */
  public long dirtyBytes() {
    long n = (long) count() * granularity;
    if (chunks > 0 && bits.get(chunks - 1)) {
      n -= (long) chunks * granularity - deviceSize;
    }
    return n;
  }

  public long chunkOffset(int chunk) {
    return (long) chunk * granularity;
  }

  public int chunkLength(int chunk) {
    return (int) Math.min(granularity, deviceSize - chunkOffset(chunk));
  }

  /** Ors in another copy's bits (same geometry), e.g. the peer's bitmap before a resync. */
  public void or(byte[] other) {
    BitSet o = BitSet.valueOf(other);
    if (o.length() > chunks) {
      throw new IllegalArgumentException("bitmap: peer bitmap has " + o.length() + " bits, expected at most " + chunks);
    }
    for (int c = o.nextSetBit(0); c >= 0; c = o.nextSetBit(c + 1)) {
      set(c);
    }
  }

  public byte[] toBytes() {
    byte[] out = new byte[(chunks + 7) / 8];
    byte[] b = bits.toByteArray();
    System.arraycopy(b, 0, out, 0, b.length);
    return out;
  }

  /** The bytes of one stored page. */
  byte[] page(int page) {
    byte[] part = bits.get(page * PAGE_BITS, (page + 1) * PAGE_BITS).toByteArray();
    byte[] out = new byte[PAGE_BYTES];
    System.arraycopy(part, 0, out, 0, part.length);
    return out;
  }

  void load(byte[] stored) {
    bits.clear();
    BitSet o = BitSet.valueOf(stored);
    for (int c = o.nextSetBit(0); c >= 0 && c < chunks; c = o.nextSetBit(c + 1)) {
      bits.set(c);
    }
    count = bits.cardinality();
    changedPages.clear();
  }

  /** Pages changed since the last call, ascending; the set is reset. */
  int[] takeChangedPages() {
    int[] pages = changedPages.stream().toArray();
    changedPages.clear();
    return pages;
  }

  boolean hasChangedPages() {
    return !changedPages.isEmpty();
  }
}
