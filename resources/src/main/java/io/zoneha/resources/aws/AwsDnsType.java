package io.zoneha.resources.aws;

import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.engine.spi.ResourceType;
import java.util.List;

/** {@code awsdns}: a Route 53 A record that names the active server. */
public final class AwsDnsType implements ResourceType {
  public static final String TYPE = "awsdns";
  public static final String MONITOR_TYPE = "awsdnsw";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<FieldProblem> validate(Params params) {
    return DnsSettings.validate(params);
  }

  @Override
  public ResourceDriver create(ResourceContext ctx) {
    return new AwsDnsDriver(ctx.vertx(), ctx.resource().name(), DnsSettings.from(ctx.params()),
        AwsClients.forNode(ctx.services(), ctx.vertx(), ctx.cluster().aws()), AwsDnsDriver.MAX_INSYNC_WAIT);
  }

  @Override
  public List<MonitorConfig> autoMonitors(ResourceConfig resource) {
    return List.of(AutoMonitors.forResource(MONITOR_TYPE, resource));
  }
}
