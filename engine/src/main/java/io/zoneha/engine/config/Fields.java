package io.zoneha.engine.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The keys of one mapping of cluster.yaml, checked against its {@link ConfigKeys.Section}. Every
 * getter reports what is wrong and returns the default, so parsing continues past a mistake.
 * Asking for a key the section does not list is a bug in the parser and fails loudly.
 */
final class Fields {
  private final ConfigKeys.Section section;
  private final String path;
  private final Problems problems;
  private final Map<String, YamlNode> entries;

  private Fields(ConfigKeys.Section section, String path, Problems problems, Map<String, YamlNode> entries) {
    this.section = section;
    this.path = path;
    this.problems = problems;
    this.entries = entries;
  }

  /** The keys of {@code node}; when it is not a mapping, a problem and no keys at all. */
  static Fields of(YamlNode node, ConfigKeys.Section section) {
    Map<String, YamlNode> entries = node.entries().orElse(Map.of());
    Fields f = new Fields(section, node.path(), node.problems(), entries);
    f.rejectUnknownKeys();
    return f;
  }

  /** A section the file leaves out: every getter yields its default. */
  static Fields absent(String path, ConfigKeys.Section section, Problems problems) {
    return new Fields(section, path, problems, Map.of());
  }

  String path() {
    return path;
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    return node(key).isPresent();
  }

  /** The value of a key, absent when the key is missing or has an empty value. */
  Optional<YamlNode> node(String key) {
    check(key);
    YamlNode n = entries.get(key);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  /** A required text value; "" (with a problem) when missing. */
  String string(String key) {
    Optional<String> v = optString(key);
    if (v.isEmpty() && !entries.containsKey(key)) {
      problems.add(pathOf(key), "required");
    }
    return v.orElse("");
  }

  Optional<String> optString(String key) {
    return scalar(key).map(String::trim);
  }

  int integer(String key, int dflt) {
    return parsed(key, dflt, "a whole number", s -> Integer.valueOf(s.startsWith("+") ? s.substring(1) : s));
  }

  boolean bool(String key, boolean dflt) {
    return parsed(key, dflt, "true or false", s -> switch (s.toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException();
    });
  }

  Duration duration(String key, Duration dflt) {
    Optional<String> text = scalar(key);
    if (text.isEmpty()) {
      return dflt;
    }
    try {
      return Durations.parse(text.get());
    } catch (IllegalArgumentException e) {
      problems.add(pathOf(key), e.getMessage());
      return dflt;
    }
  }

  /** One of a fixed set of words, by their YAML spelling. */
  <E> E choice(String key, E[] values, Function<E, String> yamlName, E dflt) {
    Map<String, E> byName = new LinkedHashMap<>();
    for (E v : values) {
      byName.put(yamlName.apply(v), v);
    }
    String allowed = String.join(" | ", byName.keySet());
    return parsed(key, dflt, "one of " + allowed, s -> {
      E v = byName.get(s);
      if (v == null) {
        throw new IllegalArgumentException();
      }
      return v;
    });
  }

  /** A list of single values; empty when the key is missing. */
  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    items(key).forEach(item -> item.scalar().map(String::trim).ifPresent(out::add));
    return out;
  }

  List<YamlNode> items(String key) {
    return node(key).map(YamlNode::items).orElse(List.of());
  }

  /** A nested mapping with its own section; absent (all defaults) when the key is missing. */
  Fields section(String key, ConfigKeys.Section nested) {
    return node(key).map(n -> Fields.of(n, nested)).orElseGet(() -> absent(pathOf(key), nested, problems));
  }

  /** Free-form type-specific fields ({@code params:}). */
  Map<String, Object> plainMap(String key) {
    Map<String, Object> out = new LinkedHashMap<>();
    node(key).flatMap(YamlNode::entries).ifPresent(e -> e.forEach((k, v) -> v.plain().ifPresent(p -> out.put(k, p))));
    return out;
  }

  /** Per-server overrides ({@code servers: {node2: {eniId: ...}}}), by server name. */
  Map<String, Map<String, Object>> perServer(String key) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    node(key).flatMap(YamlNode::entries).ifPresent(e -> e.forEach((server, v) -> {
      Map<String, Object> overrides = new LinkedHashMap<>();
      v.entries().ifPresent(m -> m.forEach((k, val) -> val.plain().ifPresent(p -> overrides.put(k, p))));
      out.put(server, overrides);
    }));
    return out;
  }

  /** A key that exists in the section but does not apply here (e.g. {@code ssl} of a ping target). */
  void rejectPresent(String key, String why) {
    check(key);
    if (entries.containsKey(key)) {
      problems.add(pathOf(key), why);
    }
  }

  private <T> T parsed(String key, T dflt, String expected, Function<String, T> parse) {
    Optional<String> text = scalar(key);
    if (text.isEmpty()) {
      return dflt;
    }
    try {
      return parse.apply(text.get().trim());
    } catch (RuntimeException e) {
      problems.add(pathOf(key), "expected " + expected + ", got '" + text.get() + "'");
      return dflt;
    }
  }

  /** The key's text; empty (the default applies) when it is missing or not a single value. */
  private Optional<String> scalar(String key) {
    check(key);
    return Optional.ofNullable(entries.get(key)).flatMap(YamlNode::scalar);
  }

  private void rejectUnknownKeys() {
    for (String key : entries.keySet()) {
      if (!section.allows(key)) {
        String hint = closest(key).map(k -> "did you mean '" + k + "'? ").orElse("");
        problems.add(pathOf(key), "unknown key; " + hint + "allowed here: "
            + section.names().stream().collect(Collectors.joining(", ")));
      }
    }
  }

  private Optional<String> closest(String key) {
    return section.names().stream()
        .filter(k -> Typos.distance(k.toLowerCase(), key.toLowerCase()) <= 2)
        .findFirst();
  }

  private void check(String key) {
    if (!section.allows(key)) {
      throw new IllegalStateException("parser reads key '" + key + "' that section '" + section.path()
          + "' does not declare");
    }
  }

  /** Edit distance for "did you mean" hints. */
  static final class Typos {
    private Typos() {}

    static int distance(String a, String b) {
      int[] prev = new int[b.length() + 1];
      int[] cur = new int[b.length() + 1];
      for (int j = 0; j <= b.length(); j++) {
        prev[j] = j;
      }
      for (int i = 1; i <= a.length(); i++) {
        cur[0] = i;
        for (int j = 1; j <= b.length(); j++) {
          int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
          cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        }
        int[] t = prev;
        prev = cur;
        cur = t;
      }
      return prev[b.length()];
    }
  }
}
