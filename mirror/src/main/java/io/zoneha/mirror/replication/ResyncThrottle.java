package io.zoneha.mirror.replication;

/** How long a resync must pause to stay under its byte rate. Pure: time is passed in. */
final class ResyncThrottle {
  private ResyncThrottle() {}

  /**
   * Nanoseconds to wait before sending more, given {@code sentBytes} sent since {@code startNanos};
   * 0 when sending may go on now (or the rate is unlimited).
   */
  static long pauseNanos(long rateBytesPerSecond, long sentBytes, long startNanos, long nowNanos) {
    if (rateBytesPerSecond <= 0) {
      return 0;
    }
    long earliest = startNanos + (long) (sentBytes * 1e9 / rateBytesPerSecond);
    return Math.max(0, earliest - nowNanos);
  }
}
