package io.zoneha.engine.spi;

import java.util.Map;

/**
 * An operator action on one resource beyond activate/deactivate (for md: verify, pause, resume,
 * recover). {@code args} are plain strings checked by the driver; {@code user} is for the log.
 */
public record ResourceOperation(String op, Map<String, String> args, String user) {
  public ResourceOperation {
    args = Map.copyOf(args);
  }

  /** The answer of one node: {@code data} holds plain values (strings, numbers, booleans, lists). */
  public record Result(String message, Map<String, Object> data) {
    public Result {
      data = Map.copyOf(data);
    }

    public static Result of(String message) {
      return new Result(message, Map.of());
    }
  }
}
