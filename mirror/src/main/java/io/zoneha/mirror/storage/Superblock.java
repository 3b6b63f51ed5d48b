package io.zoneha.mirror.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The versioned, checksummed header of a cluster partition. Encoded into a fixed 4 KiB slot;
 * {@code sequence} orders the two slots (the higher valid one wins).
 */
public record Superblock(
    long sequence,
    long nodeId,
    long deviceSize,
    int blockSize,
    int bitmapGranularity,
    Generations generations,
    DiskRole role,
    DiskState state) {

  public static final long MAGIC = 0x5A484D4953423031L; // "ZHMISB01"
  public static final int VERSION = 1;
  public static final int SLOT_SIZE = 4096;
  /** magic, version, seq, nodeId, size, block, gran, current, bitmap, 2 history, role, state. */
  static final int ENCODED_FIELDS_SIZE = 8 + 4 + 8 + 8 + 8 + 4 + 4 + 8 + 8 + 8 * Generations.HISTORY + 1 + 1;

  public Superblock {
    MirrorGeometry.check(deviceSize, blockSize, bitmapGranularity);
  }

  public Superblock withGenerations(Generations g) {
    return new Superblock(sequence, nodeId, deviceSize, blockSize, bitmapGranularity, g, role, state);
  }

  public Superblock withRole(DiskRole r) {
    return new Superblock(sequence, nodeId, deviceSize, blockSize, bitmapGranularity, generations, r, state);
  }

  public Superblock withState(DiskState s) {
    return new Superblock(sequence, nodeId, deviceSize, blockSize, bitmapGranularity, generations, role, s);
  }

  Superblock withSequence(long seq) {
    return new Superblock(seq, nodeId, deviceSize, blockSize, bitmapGranularity, generations, role, state);
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(SLOT_SIZE);
    b.putLong(MAGIC).putInt(VERSION).putLong(sequence).putLong(nodeId).putLong(deviceSize);
    b.putInt(blockSize).putInt(bitmapGranularity);
    b.putLong(generations.current()).putLong(generations.bitmap());
    for (long h : generations.history()) {
      b.putLong(h);
    }
    b.put((byte) role.code()).put((byte) state.code());
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, ENCODED_FIELDS_SIZE);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** Decodes one slot; throws {@link MetadataException} naming the first bad field. */
  public static Superblock decode(byte[] slot, String slotName) {
    if (slot.length < ENCODED_FIELDS_SIZE + 4) {
      throw new MetadataException(slotName + ": too short (" + slot.length + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(slot);
    long magic = b.getLong();
    if (magic != MAGIC) {
      throw new MetadataException(slotName + ": bad magic " + Long.toHexString(magic));
    }
    CRC32C crc = new CRC32C();
    crc.update(slot, 0, ENCODED_FIELDS_SIZE);
    int stored = ByteBuffer.wrap(slot, ENCODED_FIELDS_SIZE, 4).getInt();
    if (stored != (int) crc.getValue()) {
      throw new MetadataException(slotName + ": checksum mismatch (torn or corrupt write)");
    }
    int version = b.getInt();
    if (version != VERSION) {
      throw new MetadataException(slotName + ": unsupported version " + version);
    }
    long seq = b.getLong();
    long nodeId = b.getLong();
    long size = b.getLong();
    int block = b.getInt();
    int gran = b.getInt();
    long cur = b.getLong();
    long bm = b.getLong();
    long[] hist = new long[Generations.HISTORY];
    for (int i = 0; i < hist.length; i++) {
      hist[i] = b.getLong();
    }
    try {
      DiskRole role = DiskRole.ofCode(b.get());
      DiskState state = DiskState.ofCode(b.get());
      return new Superblock(seq, nodeId, size, block, gran, new Generations(cur, bm, hist), role, state);
    } catch (IllegalArgumentException e) {
      throw new MetadataException(slotName + ": " + e.getMessage(), e);
    }
  }
}
