package io.zoneha.engine.bus;

import java.util.Map;

/** Messages to and from the witness client of this node, on {@link Addresses#WITNESS_QUERY}. */
public final class WitnessMessages {
  private WitnessMessages() {}

  /** Asks what the witness last said. */
  public record Query() {}

  /**
   * The witness as this node knows it now. {@code contactAge}: ms since this node sent the latest
   * report the witness answered ({@link Long#MAX_VALUE} if none); {@code silence}: per server of the
   * cluster, how long the witness has not heard it, at least, as of now ({@link Long#MAX_VALUE} if
   * unknown); {@code detail}: the witness address and the last error, for messages.
   */
  public record View(long contactAge, Map<String, Long> silence, String detail) {
    public View {
      silence = Map.copyOf(silence);
    }

    public long silenceOf(String server) {
      return silence.getOrDefault(server, Long.MAX_VALUE);
    }
  }
}
