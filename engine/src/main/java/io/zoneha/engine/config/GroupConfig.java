package io.zoneha.engine.config;

import java.util.List;

/**
 * A failover group. {@code startupServers} lists the servers that may run it in failover order;
 * {@code resources} are in the file's order, activated along their dependencies.
 */
public record GroupConfig(
    String name,
    List<String> startupServers,
    boolean autoStart,
    boolean autoFailback,
    List<ResourceConfig> resources) {

  public static final boolean DEFAULT_AUTO_START = true;
  public static final boolean DEFAULT_AUTO_FAILBACK = false;

  public GroupConfig {
    startupServers = List.copyOf(startupServers);
    resources = List.copyOf(resources);
  }
}
