package io.zoneha.mirror.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The versioned, checksummed header of a cluster partition. Encoded into a fixed 4 KiB slot;
 * {@code sequence} orders the two slots (the higher valid one wins). Version 2 added
 * {@code flags}; a version 1 slot still decodes (its flags are 0) and is rewritten as version 2
 * on the next update.
 */
public record Superblock(
    long sequence,
    long nodeId,
    long deviceSize,
    int blockSize,
    int bitmapGranularity,
    Generations generations,
    DiskRole role,
    DiskState state,
    int flags) {

  public static final long MAGIC = 0x5A484D4953423031L; // "ZHMISB01"
  public static final int VERSION = 2;
  static final int VERSION_1 = 1;
  public static final int SLOT_SIZE = 4096;
  /** Version 1: magic, version, seq, nodeId, size, block, gran, current, bitmap, 2 history, role, state. */
  static final int ENCODED_FIELDS_SIZE_V1 = 8 + 4 + 8 + 8 + 8 + 4 + 4 + 8 + 8 + 8 * Generations.HISTORY + 1 + 1;
  /** Version 2: version 1's fields, then flags. */
  static final int ENCODED_FIELDS_SIZE = ENCODED_FIELDS_SIZE_V1 + 4;
  /**
   * The data partition was created by ZoneHA together with this partition and has not been
   * written: it reads as zeros. Only meaningful while the generations are blank.
   */
  public static final int FLAG_DATA_BLANK = 1;
  /** The operator paused replication; the link stays down until resumed (survives restarts). */
  public static final int FLAG_PAUSED = 2;
  static final int KNOWN_FLAGS = FLAG_DATA_BLANK | FLAG_PAUSED;

  public Superblock {
    MirrorGeometry.check(deviceSize, blockSize, bitmapGranularity);
    if ((flags & ~KNOWN_FLAGS) != 0) {
      throw new IllegalArgumentException("flags: unknown bits " + Integer.toHexString(flags & ~KNOWN_FLAGS));
    }
  }

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  public Superblock withFlag(int flag, boolean on) {
    return new Superblock(sequence, nodeId, deviceSize, blockSize, bitmapGranularity, generations, role, state,
        on ? flags | flag : flags & ~flag);
  }

  public Superblock withGenerations(Generations g) {
    return new Superblock(sequence, nodeId, deviceSize, blockSize, bitmapGranularity, g, role, state, flags);
  }

  public Superblock withRole(DiskRole r) {
    return new Superblock(sequence, nodeId, deviceSize, blockSize, bitmapGranularity, generations, r, state, flags);
  }

  public Superblock withState(DiskState s) {
    return new Superblock(sequence, nodeId, deviceSize, blockSize, bitmapGranularity, generations, role, s, flags);
  }

  Superblock withSequence(long seq) {
    return new Superblock(seq, nodeId, deviceSize, blockSize, bitmapGranularity, generations, role, state, flags);
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
    b.putInt(flags);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, ENCODED_FIELDS_SIZE);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** Decodes one slot (version 1 or 2); throws {@link MetadataException} naming the first bad field. */
  public static Superblock decode(byte[] slot, String slotName) {
    if (slot.length < ENCODED_FIELDS_SIZE + 4) {
      throw new MetadataException(slotName + ": too short (" + slot.length + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(slot);
    long magic = b.getLong();
    if (magic != MAGIC) {
      throw new MetadataException(slotName + ": bad magic " + Long.toHexString(magic));
    }
    int version = b.getInt();
    int fieldsSize = version == VERSION_1 ? ENCODED_FIELDS_SIZE_V1 : ENCODED_FIELDS_SIZE;
    CRC32C crc = new CRC32C();
    crc.update(slot, 0, fieldsSize);
    int stored = ByteBuffer.wrap(slot, fieldsSize, 4).getInt();
    if (stored != (int) crc.getValue()) {
      throw new MetadataException(slotName + ": checksum mismatch (torn or corrupt write)");
    }
    if (version != VERSION && version != VERSION_1) {
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
      int flags = version == VERSION_1 ? 0 : b.getInt();
      return new Superblock(seq, nodeId, size, block, gran, new Generations(cur, bm, hist), role, state, flags);
    } catch (IllegalArgumentException e) {
      throw new MetadataException(slotName + ": " + e.getMessage(), e);
    }
  }
}
