package io.zoneha.engine.time;

/** Time as an input: monotonic millis for timeouts, wall millis for incarnations and logs. */
public interface Clock {
  long monoMillis();

  long wallMillis();

  Clock SYSTEM = new Clock() {
    @Override
    public long monoMillis() {
      return System.nanoTime() / 1_000_000;
    }

    @Override
    public long wallMillis() {
      return System.currentTimeMillis();
    }
  };
}
