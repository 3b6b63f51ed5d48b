package io.zoneha.engine.config;

/** The last step of an escalation, once retries and failovers are used up. */
public enum FinalAction {
  NONE("none"),
  STOP_GROUP("stopGroup"),
  STOP_CLUSTER_SERVICE("stopClusterService");

  private final String yamlName;

  FinalAction(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }

  public static FinalAction fromYaml(String s) {
    for (FinalAction a : values()) {
      if (a.yamlName.equals(s)) {
        return a;
      }
    }
    throw new IllegalArgumentException(s);
  }
}
