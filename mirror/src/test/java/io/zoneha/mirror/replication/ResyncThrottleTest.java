package io.zoneha.mirror.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResyncThrottleTest {
  private static final long SEC = 1_000_000_000L;

  @Test
  void pausesJustLongEnoughToKeepTheRate() {
    long rate = 1 << 20; // 1 MiB/s
    assertEquals(0, ResyncThrottle.pauseNanos(0, 1L << 40, 0, 0), "0 = unlimited");
    assertEquals(0, ResyncThrottle.pauseNanos(rate, 0, 100, 100));
    assertEquals(SEC, ResyncThrottle.pauseNanos(rate, 1 << 20, 0, 0), "1 MiB sent at t=0: wait a second");
    assertEquals(SEC / 2, ResyncThrottle.pauseNanos(rate, 1 << 20, 0, SEC / 2));
    assertEquals(0, ResyncThrottle.pauseNanos(rate, 1 << 20, 0, SEC));
    assertEquals(0, ResyncThrottle.pauseNanos(rate, 1 << 20, 0, 5 * SEC), "no debt from idle time");
  }
}
