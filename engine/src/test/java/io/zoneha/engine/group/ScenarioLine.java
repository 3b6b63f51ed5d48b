package io.zoneha.engine.group;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a scenario file split into words and {@code key=value} pairs. Values may be quoted
 * ({@code reason="a b"}, with {@code \"} and {@code \\} escapes) so reasons read as plain text.
 */
final class ScenarioLine {
  final String where;
  final List<String> words = new ArrayList<>();
  final Map<String, String> pairs = new LinkedHashMap<>();

  private ScenarioLine(String where) {
    this.where = where;
  }

  static ScenarioLine parse(String text, String where) {
    ScenarioLine line = new ScenarioLine(where);
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      StringBuilder key = new StringBuilder();
      while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '=') {
        key.append(text.charAt(i++));
      }
      if (i >= text.length() || text.charAt(i) != '=') {
        line.words.add(key.toString());
        continue;
      }
      i++;
      StringBuilder value = new StringBuilder();
      i = text.startsWith("\"", i) ? quoted(text, i + 1, value, where) : bare(text, i, value);
      if (line.pairs.put(key.toString(), value.toString()) != null) {
        throw new IllegalArgumentException(where + ": key " + key + " given twice");
      }
    }
    return line;
  }

  private static int bare(String text, int i, StringBuilder out) {
    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
      out.append(text.charAt(i++));
    }
    return i;
  }

  private static int quoted(String text, int i, StringBuilder out, String where) {
    while (i < text.length()) {
      char c = text.charAt(i++);
      if (c == '"') {
        return i;
      }
      if (c == '\\' && i < text.length()) {
        c = text.charAt(i++);
      }
      out.append(c);
    }
    throw new IllegalArgumentException(where + ": unterminated quote");
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  String word(int i, String what) {
    if (i >= words.size()) {
      throw new IllegalArgumentException(where + ": missing " + what);
    }
    return words.get(i);
  }

  String get(String key) {
    String v = pairs.get(key);
    if (v == null) {
      throw new IllegalArgumentException(where + ": missing " + key + "=");
    }
    return v;
  }

  String getOr(String key, String fallback) {
    return pairs.getOrDefault(key, fallback);
  }

  int getInt(String key) {
    try {
      return Integer.parseInt(get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": " + key + " must be a number, got " + get(key));
    }
  }

  int getIntOr(String key, int fallback) {
    return pairs.containsKey(key) ? getInt(key) : fallback;
  }

  IllegalArgumentException bad(String problem) {
    return new IllegalArgumentException(where + ": " + problem);
  }
}
