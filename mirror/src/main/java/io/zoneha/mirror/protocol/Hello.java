package io.zoneha.mirror.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.DiskState;
import io.zoneha.mirror.storage.Generations;

/**
 * What one side tells the other in the handshake: who it is and what its copy holds.
 * {@code knownBlank}: the data partition was created by ZoneHA and never written (reads as zeros);
 * {@code initialCopy}: the admin's choice of initial-copy source, from the sender's view. Both only
 * matter while the copy has no generation (a brand-new pair).
 */
public record Hello(
    long nodeId,
    long deviceSize,
    int blockSize,
    int granularity,
    Generations generations,
    DiskRole role,
    DiskState state,
    int dirtyChunks,
    boolean knownBlank,
    InitialCopy initialCopy) {

  /** A hello with no initial-copy choice; the copy counts as known blank when it has no generation. */
  public Hello(long nodeId, long deviceSize, int blockSize, int granularity, Generations generations, DiskRole role,
      DiskState state, int dirtyChunks) {
    this(nodeId, deviceSize, blockSize, granularity, generations, role, state, dirtyChunks, generations.isBlank(),
        InitialCopy.UNSET);
  }

  public Hello withDirty(int chunks) {
    return new Hello(nodeId, deviceSize, blockSize, granularity, generations, role, state, chunks, knownBlank,
        initialCopy);
  }

  public Hello withPairing(boolean blank, InitialCopy choice) {
    return new Hello(nodeId, deviceSize, blockSize, granularity, generations, role, state, dirtyChunks, blank, choice);
  }

  /** The first protocol release's HELLO, without the pairing byte: still accepted. */
  static final int SIZE_V1 = 8 + 8 + 4 + 4 + 8 + 8 + 8 * Generations.HISTORY + 1 + 1 + 4;
  static final int SIZE = SIZE_V1 + 1;
  private static final int PAIRING_BLANK = 1;

  public ByteBuf encode() {
    ByteBuf b = Unpooled.buffer(SIZE);
    b.writeLong(nodeId).writeLong(deviceSize).writeInt(blockSize).writeInt(granularity);
    b.writeLong(generations.current()).writeLong(generations.bitmap());
    for (long h : generations.history()) {
      b.writeLong(h);
    }
    b.writeByte(role.code()).writeByte(state.code()).writeInt(dirtyChunks);
    b.writeByte((knownBlank ? PAIRING_BLANK : 0) | initialCopy.code() << 1);
    return b;
  }

  /** Decodes a HELLO payload; {@link FrameException} names the bad field. */
  public static Hello decode(ByteBuf b) {
    if (b.readableBytes() != SIZE && b.readableBytes() != SIZE_V1) {
      throw new FrameException("hello.length", "expected " + SIZE + " bytes, got " + b.readableBytes());
    }
    long nodeId = b.readLong();
    long size = b.readLong();
    int block = b.readInt();
    int gran = b.readInt();
    long cur = b.readLong();
    long bm = b.readLong();
    long[] hist = new long[Generations.HISTORY];
    for (int i = 0; i < hist.length; i++) {
      hist[i] = b.readLong();
    }
    int roleCode = b.readUnsignedByte();
    int stateCode = b.readUnsignedByte();
    int dirty = b.readInt();
    // a peer of the first release sends no pairing byte: its copy is not known blank, no choice
    int pairing = b.isReadable() ? b.readUnsignedByte() : 0;
    DiskRole role;
    DiskState state;
    try {
      role = DiskRole.ofCode(roleCode);
    } catch (IllegalArgumentException e) {
      throw new FrameException("hello.role", "unknown code " + roleCode);
    }
    try {
      state = DiskState.ofCode(stateCode);
    } catch (IllegalArgumentException e) {
      throw new FrameException("hello.state", "unknown code " + stateCode);
    }
    if (size <= 0) {
      throw new FrameException("hello.deviceSize", "not positive: " + size);
    }
    if (dirty < 0) {
      throw new FrameException("hello.dirtyChunks", "negative: " + dirty);
    }
    if (pairing >> 3 != 0) {
      throw new FrameException("hello.pairing", "unknown bits in " + pairing);
    }
    return new Hello(nodeId, size, block, gran, new Generations(cur, bm, hist), role, state, dirty,
        (pairing & PAIRING_BLANK) != 0, InitialCopy.ofCode(pairing >> 1));
  }
}
