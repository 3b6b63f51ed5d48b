package io.zoneha.engine.spi;

import io.vertx.core.Vertx;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.Params;
import java.nio.file.Path;

/** Everything a monitor driver may use on this node. */
public record MonitorContext(
    Vertx vertx,
    ClusterConfig cluster,
    String server,
    MonitorConfig monitor,
    Params params,
    Path stateDir,
    NodeServices services) {}
