package io.zoneha.mirror.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DirtyBitmapTest {
  @Test
  void markCoversEveryTouchedChunkAndReportsNewBits() {
    DirtyBitmap b = new DirtyBitmap(1 << 20, 65536);
    assertTrue(b.mark(65535, 2)); // straddles chunks 0 and 1
    assertFalse(b.mark(0, 10), "already set");
    assertEquals(2, b.count());
    assertEquals(2 * 65536, b.dirtyBytes());
  }

  @Test
  void shortLastChunkCountsOnlyItsBytes() {
    DirtyBitmap b = new DirtyBitmap(65536 + 4096, 65536);
    b.mark(65536, 1);
    assertEquals(4096, b.dirtyBytes());
    assertEquals(4096, b.chunkLength(1));
  }

  @Test
  void orMergesPeerBits() {
    DirtyBitmap a = new DirtyBitmap(1 << 20, 4096);
    DirtyBitmap p = new DirtyBitmap(1 << 20, 4096);
    a.mark(0, 1);
    p.mark(8192, 1);
    a.or(p.toBytes());
    assertEquals(2, a.count());
    assertTrue(a.get(2));
    DirtyBitmap c = new DirtyBitmap(1 << 20, 4096);
    c.or(a.toBytes());
    assertArrayEquals(a.toBytes(), c.toBytes());
  }

  @Test
  void countFollowsEverySetAndClear() {
    java.util.Random rnd = new java.util.Random(7);
    DirtyBitmap b = new DirtyBitmap(64L << 20, 65536);
    java.util.BitSet model = new java.util.BitSet();
    for (int i = 0; i < 5000; i++) {
      int c = rnd.nextInt(b.chunks());
      switch (rnd.nextInt(5)) {
        case 0 -> {
          b.set(c);
          model.set(c);
        }
        case 1 -> {
          b.clear(c);
          model.clear(c);
        }
        case 2 -> {
          int n = 1 + rnd.nextInt(300_000);
          b.mark(b.chunkOffset(c), n);
          model.set(c, (int) Math.min(b.chunks(), (b.chunkOffset(c) + n - 1) / 65536 + 1));
        }
        case 3 -> {
          if (rnd.nextInt(50) == 0) {
            b.clearAll();
            model.clear();
          }
        }
        default -> {
          DirtyBitmap copy = new DirtyBitmap(64L << 20, 65536);
          copy.load(b.toBytes());
          assertEquals(model.cardinality(), copy.count());
        }
      }
      assertEquals(model.cardinality(), b.count());
    }
  }
}
