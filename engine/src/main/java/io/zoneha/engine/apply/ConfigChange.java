package io.zoneha.engine.apply;

/**
 * One difference between the running and the new configuration: where ({@code path}, e.g.
 * {@code groups.failover1.resources.app2}), what happened to it and what applying it takes.
 */
public record ConfigChange(ApplyImpact impact, String path, String what) {
  public ConfigChange {
    if (impact == null || impact == ApplyImpact.NONE) {
      throw new IllegalArgumentException("a change has an impact above none: " + path);
    }
  }

  @Override
  public String toString() {
    return path + ": " + what + " [" + impact.wire() + "]";
  }
}
