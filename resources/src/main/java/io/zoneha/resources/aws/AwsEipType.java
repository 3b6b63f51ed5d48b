package io.zoneha.resources.aws;

import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.engine.spi.ResourceType;
import java.util.List;

/** {@code awseip}: an Elastic IP associated with the active server's ENI. */
public final class AwsEipType implements ResourceType {
  public static final String TYPE = "awseip";
  public static final String MONITOR_TYPE = "awseipw";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<FieldProblem> validate(Params params) {
    return EipSettings.validate(params);
  }

  @Override
  public ResourceDriver create(ResourceContext ctx) {
    return new AwsEipDriver(ctx.resource().name(), EipSettings.from(ctx.params()),
        AwsClients.forNode(ctx.services(), ctx.vertx(), ctx.cluster().aws()));
  }

  @Override
  public List<MonitorConfig> autoMonitors(ResourceConfig resource) {
    return List.of(AutoMonitors.forResource(MONITOR_TYPE, resource));
  }
}
