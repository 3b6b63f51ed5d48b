package io.zoneha.engine.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Type-specific fields of one resource or monitor as seen by one server (common fields with that
 * server's individual overrides applied). Accessors throw {@link ConfigException} naming the field.
 */
public final class Params {
  private final Map<String, Object> values;
  private final String owner;

  private Params(Map<String, Object> values, String owner) {
    this.values = Map.copyOf(values);
    this.owner = owner;
  }

  public static Params of(Map<String, Object> values, String owner) {
    return new Params(values, owner);
  }

  static Params merged(Map<String, Object> common, Map<String, Object> individual, String owner) {
    Map<String, Object> m = new HashMap<>(common);
    m.putAll(individual);
    return new Params(m, owner);
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public String string(String key) {
    return optString(key).orElseThrow(() -> missing(key));
  }

  public Optional<String> optString(String key) {
    Object v = values.get(key);
    return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
  }

  public String string(String key, String dflt) {
    return optString(key).orElse(dflt);
  }

  public int integer(String key, int dflt) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(owner + "." + key + ": not an integer: '" + v + "'");
    }
  }

  public boolean bool(String key, boolean dflt) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    return switch (String.valueOf(v).trim().toLowerCase()) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new ConfigException(owner + "." + key + ": not a boolean: '" + v + "'");
    };
  }

  public Duration duration(String key, Duration dflt) {
    Object v = values.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Durations.parse(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(owner + "." + key + ": " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  public List<String> strings(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(v));
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> stringMap(String key) {
    Object v = values.get(key);
    if (v == null) {
      return Map.of();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, String> out = new HashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
      return out;
    }
    throw new ConfigException(owner + "." + key + ": expected a map");
  }

  private ConfigException missing(String key) {
    return new ConfigException(owner + "." + key + ": required");
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
