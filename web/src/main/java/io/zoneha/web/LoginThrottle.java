package io.zoneha.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} wrong passwords from one client address
 * within {@link #WINDOW_MILLIS}, that address may not try again until the window has passed.
 * Time is an input; used from one event loop only.
 */
final class LoginThrottle {
  static final int MAX_FAILURES = 5;
  static final long WINDOW_MILLIS = 60_000;
  private static final int MAX_TRACKED = 10_000;

  private final Map<String, Deque<Long>> failures = new HashMap<>();

  /** Milliseconds the client must still wait, 0 when it may try. */
  long waitMillis(String client, long now) {
    Deque<Long> f = failures.get(client);
    if (f == null) {
      return 0;
    }
    prune(f, now);
    if (f.isEmpty()) {
      failures.remove(client);
      return 0;
    }
    return f.size() >= MAX_FAILURES ? f.peekFirst() + WINDOW_MILLIS - now : 0;
  }

  void failed(String client, long now) {
    if (failures.size() >= MAX_TRACKED) {
      failures.values().forEach(d -> prune(d, now));
      failures.values().removeIf(Deque::isEmpty);
    }
    Deque<Long> f = failures.computeIfAbsent(client, k -> new ArrayDeque<>());
    f.addLast(now);
    while (f.size() > MAX_FAILURES) {
      f.removeFirst();
    }
  }

  void succeeded(String client) {
    failures.remove(client);
  }

  private static void prune(Deque<Long> f, long now) {
    while (!f.isEmpty() && now - f.peekFirst() >= WINDOW_MILLIS) {
      f.removeFirst();
    }
  }
}
