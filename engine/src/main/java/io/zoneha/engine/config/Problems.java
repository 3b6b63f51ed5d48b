package io.zoneha.engine.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the problems of one load, and the line of every path the parser saw so later checks
 * can point the admin at the right line. Once the parser is done ({@link #endParsing()}), paths it
 * already complained about are muted: a missing name should not also be reported as a bad name.
 */
final class Problems {
  private final List<ConfigProblem> list = new ArrayList<>();
  private final Map<String, Integer> lines = new HashMap<>();
  private final Set<String> muted = new HashSet<>();
  private final Set<String> reported = new HashSet<>();
  private boolean parsingEnded;

  void recordLine(String path, int line) {
    if (line > 0) {
      lines.putIfAbsent(path, line);
    }
  }

  boolean hasLine(String path) {
    return lines.containsKey(path);
  }

  /** A problem at {@code path}, located at the line of that path or of its nearest parent. */
  void add(String path, String message) {
    addAt(path, message, path);
  }

  /** A problem reported at {@code path} but located at the line of {@code linePath}. */
  void addAt(String path, String message, String linePath) {
    int line = lineOf(linePath);
    addRaw(path, line > 0 ? message + " (line " + line + ")" : message);
  }

  /** A problem about one server's view of a field. */
  void addForServer(String path, String message, String server, String linePath) {
    int line = lineOf(linePath);
    addRaw(path, message + " (server " + server + (line > 0 ? ", line " + line : "") + ")");
  }

  void addRaw(String path, String message) {
    if (!isMuted(path) && !underReported(path)) {
      list.add(new ConfigProblem(path, message));
      if (!parsingEnded) {
        // a parse problem means "this node is missing or unusable"; a validator problem about a
        // list as a whole ("at least 2 servers") says nothing about the items inside it
        reported.add(path);
      }
    }
  }

  void endParsing() {
    list.forEach(p -> muted.add(p.path()));
    parsingEnded = true;
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  List<ConfigProblem> list() {
    return List.copyOf(list);
  }

  int lineOf(String path) {
    for (String p = path; p != null; p = parent(p)) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
    }
    return 0;
  }

  /** A field inside something already reported wrong is noise: "cluster: required" says it all. */
  private boolean underReported(String path) {
    for (String p = parent(path); p != null; p = parent(p)) {
      if (reported.contains(p)) {
        return true;
      }
    }
    return false;
  }

  private boolean isMuted(String path) {
    for (String p = path; p != null; p = parent(p)) {
      if (muted.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** {@code a.b[2]} -> {@code a.b} -> {@code a} -> null. */
  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut <= 0 ? null : path.substring(0, cut);
  }
}
