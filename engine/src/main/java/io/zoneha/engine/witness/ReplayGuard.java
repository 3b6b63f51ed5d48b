package io.zoneha.engine.witness;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Rejects reports that are too old, dated in the future or seen before. Pure: the caller passes
 * the wall time. Nonces are remembered as long as their timestamp is inside the window; when more
 * than {@code capacity} are remembered, the oldest is forgotten and the window's lower edge moves up
 * past it, so a forgotten nonce can never be accepted again.
 */
public final class ReplayGuard {
  /** Why a report was or was not accepted. */
  public enum Verdict { FRESH, TOO_OLD, FROM_THE_FUTURE, REPLAYED }

  private record Seen(String nonce, long sentAt) {}

  private final long maxSkewMs;
  private final int capacity;
  private final Deque<Seen> order = new ArrayDeque<>();
  private final Set<String> nonces = new HashSet<>();
  private long floor = Long.MIN_VALUE;

  public ReplayGuard(long maxSkewMs, int capacity) {
    if (maxSkewMs <= 0 || capacity <= 0) {
      throw new IllegalArgumentException("maxSkewMs and capacity must be positive");
    }
    this.maxSkewMs = maxSkewMs;
    this.capacity = capacity;
  }

  public Verdict check(String nonce, long sentAt, long now) {
    forgetOlderThan(now - maxSkewMs);
    if (sentAt < now - maxSkewMs || sentAt <= floor) {
      return Verdict.TOO_OLD;
    }
    if (sentAt > now + maxSkewMs) {
      return Verdict.FROM_THE_FUTURE;
    }
    if (!nonces.add(nonce)) {
      return Verdict.REPLAYED;
    }
    order.addLast(new Seen(nonce, sentAt));
    while (order.size() > capacity) {
      Seen oldest = removeOldest();
      floor = Math.max(floor, oldest.sentAt());
    }
    return Verdict.FRESH;
  }

  /** How many nonces are remembered now (for tests). */
  public int remembered() {
    return nonces.size();
  }

  private void forgetOlderThan(long limit) {
    // reports arrive roughly in time order; an out-of-order one is forgotten a little late, never early
    while (!order.isEmpty() && order.peekFirst().sentAt() < limit) {
      removeOldest();
    }
  }

  private Seen removeOldest() {
    Seen s = order.removeFirst();
    nonces.remove(s.nonce());
    return s;
  }
}
