package io.zoneha.mirror.storage;

/**
 * How trustworthy the local copy is. INCONSISTENT is persisted while this copy is the target of a
 * resync (it holds a mix of old and new blocks and must not become primary unless forced).
 */
public enum DiskState {
  UP_TO_DATE(1),
  INCONSISTENT(2),
  OUTDATED(3);

  private final int code;

  DiskState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static DiskState ofCode(int code) {
    for (DiskState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("state: unknown code " + code);
  }
}
