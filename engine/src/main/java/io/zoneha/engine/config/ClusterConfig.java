package io.zoneha.engine.config;

import java.util.List;
import java.util.Optional;

/**
 * The whole cluster.yaml, immutable and already validated. Every node of a cluster must load the
 * same file: {@link #fingerprint()} travels in heartbeats so a node notices a peer on another version.
 */
public record ClusterConfig(
    String name,
    String secret,
    List<ServerConfig> servers,
    HeartbeatConfig heartbeat,
    List<NpTarget> np,
    ManagementConfig management,
    AwsConfig aws,
    List<GroupConfig> groups,
    List<MonitorConfig> monitors,
    String fingerprint) {

  /** Names of the cluster, servers, groups, resources, monitors and users. */
  public static final String NAME_PATTERN = "[a-z][a-z0-9_-]{0,30}";
  public static final int MIN_SECRET_LENGTH = 16;
  public static final int MIN_SERVERS = 2;

  public ClusterConfig {
    servers = List.copyOf(servers);
    np = List.copyOf(np);
    groups = List.copyOf(groups);
    monitors = List.copyOf(monitors);
  }

  public Optional<ServerConfig> server(String serverName) {
    return servers.stream().filter(s -> s.name().equals(serverName)).findFirst();
  }

  public Optional<GroupConfig> group(String groupName) {
    return groups.stream().filter(g -> g.name().equals(groupName)).findFirst();
  }

  public Optional<MonitorConfig> monitor(String monitorName) {
    return monitors.stream().filter(m -> m.name().equals(monitorName)).findFirst();
  }

  /** The group that holds a resource, if any. */
  public Optional<GroupConfig> groupOfResource(String resourceName) {
    return groups.stream()
        .filter(g -> g.resources().stream().anyMatch(r -> r.name().equals(resourceName)))
        .findFirst();
  }

  /** The secret never leaves this object through logs, so toString shows everything but it. */
  @Override
  public String toString() {
    return "ClusterConfig[name=" + name + ", secret=***, servers=" + servers + ", heartbeat=" + heartbeat
        + ", np=" + np + ", management=" + management + ", aws=" + aws + ", groups=" + groups
        + ", monitors=" + monitors + ", fingerprint=" + fingerprint + "]";
  }

  /** Position of a server in the cluster's priority order (0 = highest). */
  public int priorityOf(String serverName) {
    for (int i = 0; i < servers.size(); i++) {
      if (servers.get(i).name().equals(serverName)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown server " + serverName);
  }
}
