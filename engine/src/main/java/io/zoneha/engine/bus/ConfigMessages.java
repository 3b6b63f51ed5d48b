package io.zoneha.engine.bus;

import io.zoneha.engine.apply.ApplyPlan;
import io.zoneha.engine.config.ClusterConfig;

/** Messages about the configuration this node runs. */
public final class ConfigMessages {
  private ConfigMessages() {}

  /**
   * Published on {@link Addresses#CONFIG_INSTALLED} when this node took a new configuration
   * without restarting its cluster service ({@code plan} is below a cluster restart): verticles
   * that keep a copy of the configuration switch to {@code config}; {@code yamlText} is its file.
   */
  public record Installed(ClusterConfig config, String yamlText, ApplyPlan plan) {
    public Installed {
      if (plan.restartsClusterService()) {
        throw new IllegalArgumentException("a plan that restarts the cluster service is not installed live: " + plan.impact());
      }
    }
  }
}
