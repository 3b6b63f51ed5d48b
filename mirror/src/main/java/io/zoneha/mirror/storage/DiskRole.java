package io.zoneha.mirror.storage;

/** Which side of the mirror this copy plays. Wire and disk codes are explicit, never ordinal(). */
public enum DiskRole {
  SECONDARY(1),
  PRIMARY(2);

  private final int code;

  DiskRole(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static DiskRole ofCode(int code) {
    for (DiskRole r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    throw new IllegalArgumentException("role: unknown code " + code);
  }
}
