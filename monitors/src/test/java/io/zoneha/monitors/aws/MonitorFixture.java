package io.zoneha.monitors.aws;

import io.vertx.core.Vertx;
import io.zoneha.engine.config.AwsConfig;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.MonitorContext;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorType;
import io.zoneha.engine.spi.NodeServices;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.engine.spi.ResourceType;
import io.zoneha.resources.aws.TestCluster;
import io.zoneha.resources.aws.emulator.AwsEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One emulator-backed node: builds resource and monitor drivers for a server of the test cluster. */
final class MonitorFixture implements AutoCloseable {
  final Vertx vertx;
  final AwsEmulator emu;
  final ClusterConfig cluster;
  private final List<NodeServices> services = new ArrayList<>();
  private final java.util.Map<String, NodeServices> byServer = new java.util.HashMap<>();

  MonitorFixture(Vertx vertx, AwsEmulator emu, Duration callTimeout, List<ResourceConfig> resources,
      List<MonitorConfig> monitors) {
    this.vertx = vertx;
    this.emu = emu;
    AwsConfig aws = TestCluster.aws(emu, callTimeout, 1);
    this.cluster = TestCluster.cluster(aws, resources, monitors);
  }

  NodeServices node(String server) {
    return byServer.computeIfAbsent(server, s -> {
      NodeServices n = TestCluster.services(vertx, cluster.aws(), "AKIA" + s.toUpperCase());
      services.add(n);
      return n;
    });
  }

  ResourceDriver resource(ResourceType type, String name, String server) {
    ResourceConfig r = cluster.groups().get(0).resources().stream().filter(x -> x.name().equals(name))
        .findFirst().orElseThrow();
    ResourceContext ctx = TestCluster.context(vertx, cluster, server, r, node(server));
    return type.create(ctx);
  }

  MonitorDriver monitor(MonitorType type, MonitorConfig m, String server) {
    return type.create(new MonitorContext(vertx, cluster, server, m, m.paramsFor(server), Path.of("/tmp"),
        node(server)));
  }

  static MonitorConfig monitor(String name, String type, Map<String, Object> params,
      Map<String, Map<String, Object>> perServer) {
    return new MonitorConfig(name, type, Duration.ofSeconds(5), Duration.ofSeconds(60), 1, Duration.ZERO,
        MonitorConfig.MonitorWhen.ALWAYS, null,
        new MonitorConfig.RecoveryAction(MonitorConfig.RecoveryTargetKind.LOCAL_SERVER, null, 0, 0,
            FinalAction.NONE), params, perServer);
  }

  @Override
  public void close() {
    services.forEach(NodeServices::close);
  }
}
