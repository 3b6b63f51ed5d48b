package io.zoneha.resources.exec;

import java.util.HashMap;
import java.util.Map;

/** The variables a start or stop script sees on top of the node's own environment. */
public final class ExecEnvironment {
  private ExecEnvironment() {}

  /**
   * The user's {@code env} map plus ZONEHA_GROUP, ZONEHA_RESOURCE, ZONEHA_SERVER,
   * ZONEHA_REASON and ZONEHA_ACTION; the ZONEHA_* names cannot be overridden by {@code env}.
   */
  public static Map<String, String> of(String group, String resource, String server,
      String reason, ScriptAction action, Map<String, String> env) {
    Map<String, String> m = new HashMap<>(env);
    m.put("ZONEHA_GROUP", nullToEmpty(group));
    m.put("ZONEHA_RESOURCE", nullToEmpty(resource));
    m.put("ZONEHA_SERVER", nullToEmpty(server));
    m.put("ZONEHA_REASON", nullToEmpty(reason));
    m.put("ZONEHA_ACTION", action.word());
    return Map.copyOf(m);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
