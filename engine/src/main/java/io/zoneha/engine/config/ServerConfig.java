package io.zoneha.engine.config;

import java.util.List;

/**
 * One server of the cluster; {@code az} is null when the file does not name one. {@code interconnects} are this server's addresses in interconnect
 * priority order; interconnect i of every server forms one heartbeat path.
 */
public record ServerConfig(
    String name,
    String az,
    List<String> interconnects,
    String managementHost,
    int managementPort,
    int busPort) {

  public static final int DEFAULT_MANAGEMENT_PORT = 29001;
  /** Hazelcast listens on busPort, the clustered event bus on busPort + 1. */
  public static final int DEFAULT_BUS_PORT = 29003;

  public ServerConfig {
    interconnects = List.copyOf(interconnects);
  }

  /** The address the clustered event bus and Hazelcast bind to. */
  public String primaryAddress() {
    return interconnects.get(0);
  }
}
