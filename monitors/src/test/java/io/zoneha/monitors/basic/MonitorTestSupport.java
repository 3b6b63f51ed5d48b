package io.zoneha.monitors.basic;

import io.vertx.core.Vertx;
import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.spi.MonitorContext;
import io.zoneha.engine.spi.NodeServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Builds monitor contexts the way the node does, without a whole cluster.yaml. */
final class MonitorTestSupport {
  private MonitorTestSupport() {}

  static MonitorContext context(Vertx vertx, String type, Duration timeout, Map<String, Object> params,
      Path stateDir, NodeServices services) {
    MonitorConfig mc = new MonitorConfig(type + "1", type, Duration.ofSeconds(5), timeout, 1,
        Duration.ZERO, MonitorConfig.MonitorWhen.ALWAYS, null,
        new MonitorConfig.RecoveryAction(MonitorConfig.RecoveryTargetKind.LOCAL_SERVER, null, 0, 0, FinalAction.NONE),
        params, Map.of());
    return new MonitorContext(vertx, null, "node1", mc, mc.paramsFor("node1"), stateDir, services);
  }
}
