package io.zoneha.mirror.replication;

/** When a write is acknowledged. */
public enum MirrorMode {
  /** After both copies have it. */
  SYNC,
  /** After the local copy has it; the peer follows through a bounded queue. */
  ASYNC;

  public static MirrorMode parse(String field, String text) {
    return switch (text.trim().toLowerCase()) {
      case "sync" -> SYNC;
      case "async" -> ASYNC;
      default -> throw new IllegalArgumentException(field + ": expected sync or async, got '" + text + "'");
    };
  }
}
