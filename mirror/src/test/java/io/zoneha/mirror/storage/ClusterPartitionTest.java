package io.zoneha.mirror.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterPartitionTest {
  private static final long SIZE = 64L << 20;
  @TempDir Path dir;

  @Test
  void freshPartitionIsBlankSecondary() {
    try (ClusterPartition cp = ClusterPartition.open(dir.resolve("c"), SIZE, 4096, 65536)) {
      Superblock sb = cp.superblock();
      assertTrue(sb.generations().isBlank());
      assertEquals(DiskRole.SECONDARY, sb.role());
      assertEquals(SIZE, sb.deviceSize());
      assertEquals(0, cp.bitmap().count());
    }
  }

  @Test
  void superblockAndBitmapRoundTrip() {
    Path p = dir.resolve("c");
    Generations g = Generations.of(11, 22, 33, 44);
    long nodeId;
    try (ClusterPartition cp = ClusterPartition.open(p, SIZE, 4096, 4096)) {
      nodeId = cp.superblock().nodeId();
      cp.update(cp.superblock().withGenerations(g).withRole(DiskRole.PRIMARY).withState(DiskState.INCONSISTENT));
      cp.bitmap().mark(0, 1);
      cp.bitmap().mark(40L << 20, 3 * 4096 + 1); // 4 chunks, on a later bitmap page
      cp.bitmap().mark(SIZE - 1, 1);
      assertTrue(cp.persistBitmap());
      assertFalse(cp.persistBitmap(), "nothing changed since");
    }
    try (ClusterPartition cp = ClusterPartition.open(p, SIZE, 4096, 4096)) {
      Superblock sb = cp.superblock();
      assertEquals(g, sb.generations());
      assertEquals(nodeId, sb.nodeId());
      assertEquals(DiskRole.PRIMARY, sb.role());
      assertEquals(DiskState.INCONSISTENT, sb.state());
      assertEquals(6, cp.bitmap().count());
      assertTrue(cp.bitmap().get(0));
      assertTrue(cp.bitmap().get((int) ((40L << 20) / 4096) + 3));
      assertTrue(cp.bitmap().get(cp.bitmap().chunks() - 1));
      cp.bitmap().clear(0);
      cp.persistBitmap();
    }
    try (ClusterPartition cp = ClusterPartition.open(p, SIZE, 4096, 4096)) {
      assertEquals(5, cp.bitmap().count());
    }
  }

  @Test
  void tornNewestSlotFallsBackToOlderSlot() throws Exception {
    Path p = dir.resolve("c");
    try (ClusterPartition cp = ClusterPartition.open(p, SIZE, 4096, 65536)) {
      cp.update(cp.superblock().withGenerations(Generations.of(1, 0, 0, 0))); // seq 1 -> slot B
      cp.update(cp.superblock().withGenerations(Generations.of(2, 0, 0, 0))); // seq 2 -> slot A
    }
    // a torn write of slot A: its second half never reached the disk
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.seek(40);
      f.write(new byte[20]);
    }
    try (ClusterPartition cp = ClusterPartition.open(p, SIZE, 4096, 65536)) {
      assertEquals(1, cp.superblock().generations().current());
      assertEquals(1, cp.superblock().sequence());
      // the next update overwrites the torn slot, not the good one
      cp.update(cp.superblock().withGenerations(Generations.of(3, 0, 0, 0)));
    }
    try (ClusterPartition cp = ClusterPartition.open(p, SIZE, 4096, 65536)) {
      assertEquals(3, cp.superblock().generations().current());
    }
  }

  @Test
  void bothSlotsCorruptIsRefusedNamingBothSlots() throws Exception {
    Path p = dir.resolve("c");
    ClusterPartition.open(p, SIZE, 4096, 65536).close();
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.seek(8 + 4 + 3);
      f.write(0x5a); // slot A: a flipped byte inside the sequence
      f.seek(Superblock.SLOT_SIZE);
      f.write(0x01); // slot B: bad magic
    }
    MetadataException e = assertThrows(MetadataException.class,
        () -> ClusterPartition.open(p, SIZE, 4096, 65536));
    assertTrue(e.getMessage().contains("slot A: checksum mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains("slot B: bad magic"), e.getMessage());
  }

  @Test
  void geometryMismatchIsRefused() {
    Path p = dir.resolve("c");
    ClusterPartition.open(p, SIZE, 4096, 65536).close();
    MetadataException e = assertThrows(MetadataException.class,
        () -> ClusterPartition.open(p, SIZE * 2, 4096, 65536));
    assertTrue(e.getMessage().contains("geometry mismatch"), e.getMessage());
  }

  @Test
  void flagsRoundTripAndFreshFlagsApplyOnlyToANewPartition() {
    Path p = dir.resolve("c");
    try (ClusterPartition cp = ClusterPartition.open(p, SIZE, 4096, 65536, Superblock.FLAG_DATA_BLANK)) {
      assertTrue(cp.superblock().has(Superblock.FLAG_DATA_BLANK));
      cp.update(cp.superblock().withFlag(Superblock.FLAG_PAUSED, true).withFlag(Superblock.FLAG_DATA_BLANK, false));
    }
    try (ClusterPartition cp = ClusterPartition.open(p, SIZE, 4096, 65536, Superblock.FLAG_DATA_BLANK)) {
      assertEquals(Superblock.FLAG_PAUSED, cp.superblock().flags(), "an existing partition keeps its own flags");
      cp.update(cp.superblock().withFlag(Superblock.FLAG_PAUSED, false));
    }
    try (ClusterPartition cp = ClusterPartition.open(p, SIZE, 4096, 65536)) {
      assertEquals(0, cp.superblock().flags());
    }
  }

  /** A partition written by version 1 (no flags) opens, and its next update is written as version 2. */
  @Test
  void versionOneSlotsStillOpen() throws Exception {
    Path p = dir.resolve("c");
    Generations g = Generations.of(11, 0, 5, 0);
    byte[] v1 = versionOneSlot(7, 0x1234, g);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.write(v1); // slot A at 0; slot B stays zero (invalid)
    }
    try (ClusterPartition cp = ClusterPartition.open(p, SIZE, 4096, 65536)) {
      Superblock sb = cp.superblock();
      assertEquals(7, sb.sequence());
      assertEquals(0x1234, sb.nodeId());
      assertEquals(g, sb.generations());
      assertEquals(DiskState.UP_TO_DATE, sb.state());
      assertEquals(0, sb.flags());
      cp.update(sb.withFlag(Superblock.FLAG_PAUSED, true));
    }
    try (ClusterPartition cp = ClusterPartition.open(p, SIZE, 4096, 65536)) {
      assertEquals(8, cp.superblock().sequence(), "the version 2 slot is newer");
      assertTrue(cp.superblock().has(Superblock.FLAG_PAUSED));
      assertEquals(g, cp.superblock().generations());
    }
  }

  /** The version 1 layout written out independently of the encoder. */
  private static byte[] versionOneSlot(long seq, long nodeId, Generations g) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Superblock.SLOT_SIZE);
    b.putLong(Superblock.MAGIC).putInt(1).putLong(seq).putLong(nodeId).putLong(SIZE).putInt(4096).putInt(65536);
    b.putLong(g.current()).putLong(g.bitmap()).putLong(g.history()[0]).putLong(g.history()[1]);
    b.put((byte) DiskRole.SECONDARY.code()).put((byte) DiskState.UP_TO_DATE.code());
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  @Test
  void unknownVersionIsNamed() {
    Superblock sb = new Superblock(5, 1, SIZE, 4096, 65536, Generations.blank(), DiskRole.SECONDARY,
        DiskState.UP_TO_DATE, 0);
    byte[] slot = sb.encode();
    slot[11] = 9; // version field, then fix the checksum so only the version is wrong
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(slot, 0, Superblock.ENCODED_FIELDS_SIZE);
    java.nio.ByteBuffer.wrap(slot).putInt(Superblock.ENCODED_FIELDS_SIZE, (int) crc.getValue());
    MetadataException e = assertThrows(MetadataException.class, () -> Superblock.decode(slot, "slot"));
    assertTrue(e.getMessage().contains("unsupported version 9"), e.getMessage());
  }

  @Test
  void geometryRulesNameTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MirrorGeometry.check(SIZE, 4096, 2048));
    assertTrue(e.getMessage().startsWith("bitmapGranularity"));
    e = assertThrows(IllegalArgumentException.class, () -> MirrorGeometry.check(SIZE, 3000, 65536));
    assertTrue(e.getMessage().startsWith("blockSize"));
    e = assertThrows(IllegalArgumentException.class, () -> MirrorGeometry.check(SIZE + 1, 4096, 65536));
    assertTrue(e.getMessage().startsWith("size"));
    assertEquals(64L << 20, MirrorGeometry.parseSize("size", "64M"));
    assertEquals(4096, MirrorGeometry.parseSize("size", "4K"));
    assertEquals(1L << 30, MirrorGeometry.parseSize("size", "1GiB"));
    assertThrows(IllegalArgumentException.class, () -> MirrorGeometry.parseSize("size", "12Q"));
  }
}
