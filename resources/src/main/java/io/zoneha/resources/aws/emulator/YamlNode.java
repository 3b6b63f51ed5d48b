package io.zoneha.resources.aws.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A YAML value with its path, so that every complaint names the field that is wrong. */
record YamlNode(String path, Object value) {
  static YamlNode root(Object value) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("emulator state: the top level must be a mapping");
    }
    return new YamlNode("", value);
  }

  private Map<?, ?> map() {
    if (value instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException(path + ": expected a mapping");
  }

  YamlNode get(String key) {
    String p = path.isEmpty() ? key : path + "." + key;
    return new YamlNode(p, map().get(key));
  }

  boolean present() {
    return value != null;
  }

  String str() {
    if (value == null) {
      throw new IllegalArgumentException(path + ": required");
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw new IllegalArgumentException(path + ": expected a plain value");
    }
    return String.valueOf(value);
  }

  String str(String dflt) {
    return value == null ? dflt : str();
  }

  long number(long dflt) {
    if (value == null) {
      return dflt;
    }
    try {
      return Long.parseLong(str().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + ": not a number: '" + value + "'");
    }
  }

  boolean bool(boolean dflt) {
    if (value == null) {
      return dflt;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(path + ": expected true or false");
  }

  List<YamlNode> list() {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> l)) {
      throw new IllegalArgumentException(path + ": expected a list");
    }
    List<YamlNode> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      out.add(new YamlNode(path + "[" + i + "]", l.get(i)));
    }
    return out;
  }

  List<String> strings() {
    return list().stream().map(YamlNode::str).toList();
  }
}
