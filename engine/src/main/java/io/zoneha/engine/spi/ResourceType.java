package io.zoneha.engine.spi;

import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.config.ResourceConfig;
import java.util.List;

/**
 * A kind of group resource ({@code exec}, {@code awsvip}, ...), found through
 * {@link java.util.ServiceLoader}. Implementations are stateless; one {@link ResourceDriver} is
 * created per resource on each node.
 */
public interface ResourceType {
  /** The {@code type:} value in cluster.yaml. */
  String type();

  /** Problems with the type-specific fields as one server sees them; empty when valid. */
  List<FieldProblem> validate(Params params);

  /**
   * As {@link #validate(Params)}, also knowing the servers that run the resource's group, for
   * fields that name a server. The config validator calls this one; by default it is
   * {@link #validate(Params)}.
   */
  default List<FieldProblem> validate(Params params, List<String> groupServers) {
    return validate(params);
  }

  ResourceDriver create(ResourceContext context);

  /** Monitors added automatically with this resource (the seed's awsvipw for awsvip, ...). */
  default List<MonitorConfig> autoMonitors(ResourceConfig resource) {
    return List.of();
  }
}
