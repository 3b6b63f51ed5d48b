package io.zoneha.mirror.protocol;

/** Replication frame types with explicit wire codes and the flags each one may carry. */
public enum FrameType {
  /** Handshake: the sender's identity, geometry, generations, role and state. */
  HELLO(1, 0),
  /** Handshake: a piece of the sender's dirty bitmap; offset = byte offset; LAST ends it. */
  BITMAP(2, Frame.FLAG_LAST),
  /** Data for [offset, offset+length); FUA asks for durability before the ack. */
  WRITE(3, Frame.FLAG_FUA | Frame.FLAG_RESYNC),
  WRITE_ACK(4, 0),
  FLUSH(5, 0),
  FLUSH_ACK(6, 0),
  /** Zero a range: payload is the 8-byte length. */
  ZERO(7, Frame.FLAG_FUA | Frame.FLAG_RESYNC),
  /** End of a resync; payload is the source's 8-byte current generation. */
  RESYNC_DONE(8, 0),
  RESYNC_DONE_ACK(9, 0),
  /** The request named by requestId failed; payload is a 4-byte code and a UTF-8 message. */
  ERROR(10, 0),
  /** The sender's role changed; payload is the 1-byte role code. */
  ROLE(11, 0),
  /** Online verify: CRC32C (4 bytes each) of consecutive chunks starting at offset. */
  VERIFY(12, 0),
  /** Answer to VERIFY: the 4-byte indexes (relative to its first chunk) that differ. */
  VERIFY_RESULT(13, 0);

  private final int code;
  private final int allowedFlags;

  FrameType(int code, int allowedFlags) {
    this.code = code;
    this.allowedFlags = allowedFlags;
  }

  public int code() {
    return code;
  }

  public int allowedFlags() {
    return allowedFlags;
  }

  /** Null when unknown (the decoder turns that into an error naming the field). */
  public static FrameType ofCode(int code) {
    for (FrameType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
