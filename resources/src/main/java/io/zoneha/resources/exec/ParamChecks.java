package io.zoneha.resources.exec;

import io.zoneha.engine.config.Durations;
import io.zoneha.engine.spi.FieldProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks of type-specific fields shared by the exec resource and the basic monitors. Each check
 * adds a {@link FieldProblem} naming the field instead of throwing, so {@code validate} reports
 * every problem of a resource at once.
 */
public final class ParamChecks {
  private ParamChecks() {}

  /** A field that is not one of {@code known} is most likely a typo: say so. */
  public static void unknownFields(Map<String, Object> values, Set<String> known,
      List<FieldProblem> out) {
    for (String key : new TreeSet<>(values.keySet())) {
      if (!known.contains(key)) {
        out.add(new FieldProblem(key, "unknown field (known: " + String.join(", ", new TreeSet<>(known)) + ")"));
      }
    }
  }

  /** A non-blank text value; a missing one is reported only when {@code required}. */
  public static void text(Map<String, Object> values, String key, boolean required,
      List<FieldProblem> out) {
    Object v = values.get(key);
    if (v == null) {
      if (required) {
        out.add(new FieldProblem(key, "required"));
      }
    } else if (v instanceof Map || v instanceof List) {
      out.add(new FieldProblem(key, "must be text, not a " + (v instanceof Map ? "map" : "list")));
    } else if (String.valueOf(v).isBlank()) {
      out.add(new FieldProblem(key, "must not be empty"));
    }
  }

  /** An optional positive duration such as 30s; returns it, or {@code dflt} when absent or bad. */
  public static Duration positiveDuration(Map<String, Object> values, String key, Duration dflt,
      List<FieldProblem> out) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      Duration d = Durations.parse(String.valueOf(v));
      if (d.isZero()) {
        out.add(new FieldProblem(key, "must be longer than 0"));
        return dflt;
      }
      return d;
    } catch (IllegalArgumentException e) {
      out.add(new FieldProblem(key, e.getMessage()));
      return dflt;
    }
  }

  /** An optional whole number in [min, max]. */
  public static void intInRange(Map<String, Object> values, String key, int min, int max,
      List<FieldProblem> out) {
    Object v = values.get(key);
    if (v == null) {
      return;
    }
    Long n = wholeNumber(v);
    if (n == null || n < min || n > max) {
      out.add(new FieldProblem(key, "must be a whole number from " + min + " to " + max + ", not '" + v + "'"));
    }
  }

  /** The value as a whole number, or null when it is not one. */
  public static Long wholeNumber(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number) {
      return null;
    }
    String s = String.valueOf(v).trim();
    if (!s.matches("-?\\d{1,18}")) {
      return null;
    }
    return Long.parseLong(s);
  }
}
