package io.zoneha.engine.spi;

import io.vertx.core.Vertx;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.config.ResourceConfig;
import java.nio.file.Path;

/** Everything a resource driver may use on this node. */
public record ResourceContext(
    Vertx vertx,
    ClusterConfig cluster,
    String server,
    String group,
    ResourceConfig resource,
    Params params,
    Path stateDir,
    NodeServices services) {}
