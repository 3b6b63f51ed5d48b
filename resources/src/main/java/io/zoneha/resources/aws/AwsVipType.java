package io.zoneha.resources.aws;

import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.NodeServices;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.engine.spi.ResourceType;
import java.util.List;

/** {@code awsvip}: an address outside the VPC routed to the active server's ENI. */
public final class AwsVipType implements ResourceType {
  public static final String TYPE = "awsvip";
  public static final String MONITOR_TYPE = "awsvipw";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<FieldProblem> validate(Params params) {
    return VipSettings.validate(params);
  }

  @Override
  public ResourceDriver create(ResourceContext ctx) {
    VipSettings s = VipSettings.from(ctx.params());
    return new AwsVipDriver(ctx.resource().name(), s,
        AwsClients.forNode(ctx.services(), ctx.vertx(), ctx.cluster().aws()),
        localAddresses(ctx.services(), ctx.vertx(), s));
  }

  /** The node's address port (replaceable in NodeServices), or none when addLocalAddress is off. */
  public static LocalAddresses localAddresses(NodeServices services, io.vertx.core.Vertx vertx, VipSettings s) {
    if (!s.addLocalAddress()) {
      return NoLocalAddresses.INSTANCE;
    }
    return services.get(LocalAddresses.class, () -> new IpCommandAddresses(vertx));
  }

  @Override
  public List<MonitorConfig> autoMonitors(ResourceConfig resource) {
    return List.of(AutoMonitors.forResource(MONITOR_TYPE, resource));
  }
}
