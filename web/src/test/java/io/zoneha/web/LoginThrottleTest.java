package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  @Test
  void fiveFailuresInAMinuteBlockThatClientUntilTheOldestAges() {
    LoginThrottle t = new LoginThrottle();
    for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
      t.failed("10.0.0.9", i * 1000L);
    }
    assertEquals(0, t.waitMillis("10.0.0.9", 5000));
    t.failed("10.0.0.9", 5000);
    assertEquals(LoginThrottle.WINDOW_MILLIS - 10_000, t.waitMillis("10.0.0.9", 10_000), "until the first failure ages out");
    assertEquals(0, t.waitMillis("10.0.0.8", 10_000), "other clients are not affected");
    assertEquals(0, t.waitMillis("10.0.0.9", LoginThrottle.WINDOW_MILLIS), "the oldest failure aged out");
  }

  @Test
  void successClearsTheCount() {
    LoginThrottle t = new LoginThrottle();
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      t.failed("c", 0);
    }
    t.succeeded("c");
    assertEquals(0, t.waitMillis("c", 1));
  }
}
