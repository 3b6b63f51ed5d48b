package io.zoneha.mirror.protocol;

/**
 * Which copy of a brand-new pair (neither copy has a generation yet) is the source of the initial
 * full copy, as one side states it in its HELLO (the admin's {@code initialCopy} setting, seen
 * from that side). Wire codes are explicit.
 */
public enum InitialCopy {
  /** Not chosen: copy only what the known-blank flags allow, else refuse. */
  UNSET(0),
  /** The admin states both copies hold the same bytes: no copy. */
  SKIP(1),
  /** The sender's own copy is the source. */
  LOCAL(2),
  /** The sender's peer is the source. */
  PEER(3);

  private final int code;

  InitialCopy(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static InitialCopy ofCode(int code) {
    for (InitialCopy c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    throw new IllegalArgumentException("initialCopy: unknown code " + code);
  }

  /** The same statement made by the other side (LOCAL and PEER swap). */
  public InitialCopy mirrored() {
    return switch (this) {
      case LOCAL -> PEER;
      case PEER -> LOCAL;
      default -> this;
    };
  }
}
