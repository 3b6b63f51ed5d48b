package io.zoneha.engine.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One node of the composed YAML tree together with its path in the file. Reads never throw: a
 * node of the wrong kind becomes a problem and an empty value, so one pass finds every mistake.
 */
final class YamlNode {
  /** Deeper than any sane params value; stops alias loops such as {@code &a [*a]}. */
  private static final int MAX_DEPTH = 32;

  private final Node node;
  private final String path;
  private final Problems problems;

  YamlNode(Node node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
    problems.recordLine(path, line());
  }

  String path() {
    return path;
  }

  Problems problems() {
    return problems;
  }

  int line() {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  boolean isNull() {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
  }

  /** The text of a scalar, or empty (with a problem) when this is a list or mapping. */
  Optional<String> scalar() {
    if (node instanceof ScalarNode s && !isNull()) {
      return Optional.of(s.getValue());
    }
    problems.add(path, isNull() ? "empty value" : "expected a single value, not " + kind());
    return Optional.empty();
  }

  /** List items, or none (with a problem) when this is not a list; a null node is an empty list. */
  List<YamlNode> items() {
    if (isNull()) {
      return List.of();
    }
    if (!(node instanceof SequenceNode seq)) {
      problems.add(path, "expected a list (- item lines or [a, b]), not " + kind());
      return List.of();
    }
    List<YamlNode> out = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      out.add(new YamlNode(seq.getValue().get(i), path + "[" + i + "]", problems));
    }
    return out;
  }

  /**
   * Mapping entries in file order. Duplicate and non-text keys are problems; a null node is an
   * empty mapping. Returns empty (with a problem) when this is not a mapping.
   */
  Optional<Map<String, YamlNode>> entries() {
    if (isNull()) {
      return Optional.of(Map.of());
    }
    if (!(node instanceof MappingNode map)) {
      problems.add(path, "expected a mapping (key: value lines), not " + kind());
      return Optional.empty();
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        problems.add(path, "keys must be plain names (line " + lineOf(t.getKeyNode()) + ")");
        continue;
      }
      String childPath = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
      YamlNode previous = out.get(k.getValue());
      if (previous != null) {
        problems.addRaw(childPath, "duplicate key (line " + lineOf(k) + "; first at line " + previous.line() + ")");
        continue;
      }
      problems.recordLine(childPath, lineOf(k));
      out.put(k.getValue(), new YamlNode(t.getValueNode(), childPath, problems));
    }
    return Optional.of(Collections.unmodifiableMap(out));
  }

  /**
   * The value as plain Java data for type-specific params: String, Integer, Long, Double, Boolean,
   * List or Map. Empty values are problems (and left out): an override cannot "unset" a field.
   */
  Optional<Object> plain() {
    return plain(0);
  }

  private Optional<Object> plain(int depth) {
    if (depth > MAX_DEPTH) {
      problems.add(path, "nested too deeply (more than " + MAX_DEPTH + " levels; an alias loop?)");
      return Optional.empty();
    }
    if (node instanceof ScalarNode s) {
      return isNull() ? scalar().map(x -> x) : Optional.of(typed(s));
    }
    if (node instanceof SequenceNode) {
      List<Object> list = new ArrayList<>();
      items().forEach(item -> item.plain(depth + 1).ifPresent(list::add));
      return Optional.of(Collections.unmodifiableList(list));
    }
    Map<String, Object> map = new LinkedHashMap<>();
    entries().ifPresent(e -> e.forEach((k, v) -> v.plain(depth + 1).ifPresent(val -> map.put(k, val))));
    return Optional.of(Collections.unmodifiableMap(map));
  }

  /** Plain scalars follow the YAML core schema (true, 42, 1.5); quoted ones stay text. */
  private static Object typed(ScalarNode s) {
    String v = s.getValue();
    try {
      if (Tag.BOOL.equals(s.getTag())) {
        return Boolean.valueOf(v.toLowerCase());
      }
      if (Tag.INT.equals(s.getTag())) {
        long l = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        return l == (int) l ? (Object) (int) l : (Object) l;
      }
      if (Tag.FLOAT.equals(s.getTag())) {
        return Double.valueOf(v);
      }
    } catch (NumberFormatException e) {
      // forms like 0x1F or .inf are kept as written; the type's validation judges them
    }
    return v;
  }

  private String kind() {
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    return "a single value";
  }

  private static int lineOf(Node n) {
    return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }
}
