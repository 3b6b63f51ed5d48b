package io.zoneha.mirror.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.DiskState;
import io.zoneha.mirror.storage.Generations;

/** What one side tells the other in the handshake: who it is and what its copy holds. */
public record Hello(
    long nodeId,
    long deviceSize,
    int blockSize,
    int granularity,
    Generations generations,
    DiskRole role,
    DiskState state,
    int dirtyChunks) {

  public Hello withDirty(int chunks) {
    return new Hello(nodeId, deviceSize, blockSize, granularity, generations, role, state, chunks);
  }

  static final int SIZE = 8 + 8 + 4 + 4 + 8 + 8 + 8 * Generations.HISTORY + 1 + 1 + 4;

  public ByteBuf encode() {
    ByteBuf b = Unpooled.buffer(SIZE);
    b.writeLong(nodeId).writeLong(deviceSize).writeInt(blockSize).writeInt(granularity);
    b.writeLong(generations.current()).writeLong(generations.bitmap());
    for (long h : generations.history()) {
      b.writeLong(h);
    }
    b.writeByte(role.code()).writeByte(state.code()).writeInt(dirtyChunks);
    return b;
  }

  /** Decodes a HELLO payload; {@link FrameException} names the bad field. */
  public static Hello decode(ByteBuf b) {
    if (b.readableBytes() != SIZE) {
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
    return new Hello(nodeId, size, block, gran, new Generations(cur, bm, hist), role, state, dirty);
  }
}
