package io.zoneha.resources.aws;

import io.vertx.core.Vertx;
import io.zoneha.engine.config.AwsConfig;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.HeartbeatConfig;
import io.zoneha.engine.config.ManagementConfig;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.config.ServerConfig;
import io.zoneha.engine.spi.NodeServices;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.resources.aws.emulator.AwsEmulator;
import io.zoneha.resources.aws.emulator.EmulatorFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A two-server cluster (node1 in us-east-1a, node2 in us-east-1b) wired to an emulator. */
public final class TestCluster {
  private TestCluster() {}

  public static AwsConfig aws(AwsEmulator emu, Duration callTimeout, int maxRetries) {
    return new AwsConfig(Optional.of("us-east-1"), Optional.of(emu.endpoint()),
        Optional.of(emu.endpoint()), Optional.empty(), callTimeout, maxRetries);
  }

  public static ResourceConfig resource(String name, String type, Map<String, Object> params,
      Map<String, Map<String, Object>> perServer) {
    return new ResourceConfig(name, type, List.of(), new ResourceConfig.Recovery(0, 1, FinalAction.NONE),
        new ResourceConfig.Recovery(0, 0, FinalAction.STOP_CLUSTER_SERVICE), params, perServer);
  }

  public static ClusterConfig cluster(AwsConfig aws, List<ResourceConfig> resources,
      List<MonitorConfig> monitors) {
    List<ServerConfig> servers = List.of(
        new ServerConfig("node1", "us-east-1a", List.of("127.0.0.1"), "127.0.0.1", 29001, 29003),
        new ServerConfig("node2", "us-east-1b", List.of("127.0.0.2"), "127.0.0.2", 29001, 29003));
    GroupConfig g = new GroupConfig("failover1", List.of("node1", "node2"), true, false, resources);
    return new ClusterConfig("test", "0123456789abcdef0123", servers,
        new HeartbeatConfig(HeartbeatConfig.DEFAULT_PORT, HeartbeatConfig.DEFAULT_INTERVAL,
            HeartbeatConfig.DEFAULT_TIMEOUT, HeartbeatConfig.DEFAULT_STARTUP_WAIT),
        List.of(), new ManagementConfig(List.of(), null), aws, List.of(g), monitors, "test");
  }

  /** Node services whose AWS clients sign with {@code accessKey} and back off quickly. */
  public static NodeServices services(Vertx vertx, AwsConfig aws, String accessKey) {
    NodeServices s = new NodeServices();
    s.put(AwsClients.class, new AwsClients(vertx, aws, AwsClients.Options.defaults()
        .withCredentials(EmulatorFixture.creds(accessKey))
        .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50))));
    s.put(LocalAddresses.class, new InMemoryLocalAddresses());
    return s;
  }

  public static ResourceContext context(Vertx vertx, ClusterConfig c, String server, ResourceConfig r,
      NodeServices services) {
    return new ResourceContext(vertx, c, server, "failover1", r, r.paramsFor(server), Path.of("/tmp"),
        services);
  }
}
