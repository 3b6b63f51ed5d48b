package io.zoneha.mirror.storage;

import java.util.Arrays;

/**
 * The generation identifiers of one copy. {@code current} names the data as it is now;
 * {@code bitmap} is the generation both sides last shared when this copy started tracking
 * writes the peer lacks (0 when not tracking); {@code history} holds older shared generations,
 * newest first. 0 means "none"; a current of 0 means the copy is blank.
 */
public record Generations(long current, long bitmap, long[] history) {
  public static final int HISTORY = 2;
  public static final long NONE = 0L;

  public Generations {
    if (history.length != HISTORY) {
      throw new IllegalArgumentException("history: expected " + HISTORY + " entries, got " + history.length);
    }
    history = history.clone();
  }

  public static Generations blank() {
    return new Generations(NONE, NONE, new long[HISTORY]);
  }

  public static Generations of(long current, long bitmap, long h0, long h1) {
    return new Generations(current, bitmap, new long[] {h0, h1});
  }

  @Override
  public long[] history() {
    return history.clone();
  }

  public boolean isBlank() {
    return current == NONE;
  }

  public boolean historyContains(long gen) {
    if (gen == NONE) {
      return false;
    }
    for (long h : history) {
      if (h == gen) {
        return true;
      }
    }
    return false;
  }

  /** This copy starts writing without its peer: remember the shared generation, start a new one. */
  public Generations diverge(long newCurrent) {
    if (bitmap != NONE) {
      return new Generations(newCurrent, bitmap, history);
    }
    return new Generations(newCurrent, current, history);
  }

  /** A resync finished on the source: the bitmap generation becomes history. */
  public Generations resyncDoneAsSource() {
    if (bitmap == NONE) {
      return this;
    }
    return new Generations(current, NONE, pushHistory(bitmap));
  }

  /** A resync finished on the target: it now holds the source's current generation. */
  public Generations resyncDoneAsTarget(long sourceCurrent) {
    long[] h = current != NONE && current != sourceCurrent ? pushHistory(current) : history;
    return new Generations(sourceCurrent, NONE, h);
  }

  private long[] pushHistory(long gen) {
    long[] h = new long[HISTORY];
    h[0] = gen;
    System.arraycopy(history, 0, h, 1, HISTORY - 1);
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Generations g
        && g.current == current
        && g.bitmap == bitmap
        && Arrays.equals(g.history, history);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(current) * 31 + Long.hashCode(bitmap) * 7 + Arrays.hashCode(history);
  }

  @Override
  public String toString() {
    return String.format("gen[current=%016x bitmap=%016x history=%016x,%016x]",
        current, bitmap, history[0], history[1]);
  }
}
