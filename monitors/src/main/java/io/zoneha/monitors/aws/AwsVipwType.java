package io.zoneha.monitors.aws;

import io.vertx.core.Future;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.MonitorContext;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.engine.spi.MonitorType;
import io.zoneha.resources.aws.AwsClients;
import io.zoneha.resources.aws.AwsCodes;
import io.zoneha.resources.aws.AwsVipType;
import io.zoneha.resources.aws.LocalAddresses;
import io.zoneha.resources.aws.ParamChecks;
import io.zoneha.resources.aws.VipAws;
import io.zoneha.resources.aws.VipRoutes;
import io.zoneha.resources.aws.VipSettings;
import java.util.List;

/** {@code awsvipw}: the VIP is on this server's interface and every VIP route points at its ENI. */
public final class AwsVipwType implements MonitorType {
  @Override
  public String type() {
    return AwsVipType.MONITOR_TYPE;
  }

  @Override
  public List<FieldProblem> validate(Params params) {
    return new ParamChecks(params).required("resource", s -> !s.isBlank(), "the name of an awsvip resource")
        .oneOf(NoResponsePolicy.KEY, NoResponsePolicy.NAMES).problems();
  }

  @Override
  public MonitorDriver create(MonitorContext ctx) {
    VipSettings s = VipSettings.from(WatchedResource.paramsFor(ctx, AwsVipType.TYPE));
    AwsClients aws = AwsClients.forNode(ctx.services(), ctx.vertx(), ctx.cluster().aws());
    return new Driver(s, new VipAws(aws, AwsCodes.Family.STANDARD),
        AwsVipType.localAddresses(ctx.services(), ctx.vertx(), s), NoResponsePolicy.from(ctx.params()));
  }

  record Driver(VipSettings s, VipAws ec2, LocalAddresses local, NoResponsePolicy policy)
      implements MonitorDriver {
    @Override
    public Future<MonitorResult> check() {
      return local.has(s.device(), s.vip()).compose(present -> {
        if (!present) {
          return Future.succeededFuture(MonitorResult.error(AwsCodes.ROUTING_CHANGED,
              "VIP " + s.vip() + " is no longer on " + s.device()));
        }
        return ec2.vipRoutes(s.vpcId(), s.destination()).map(this::judge)
            .recover(t -> Future.succeededFuture(policy.result(t, "route check", false)));
      });
    }

    private MonitorResult judge(List<VipRoutes.RouteView> routes) {
      if (routes.isEmpty()) {
        return MonitorResult.error(AwsCodes.ROUTING_CHANGED, "the routing for VIP " + s.vip()
            + " changed: no route table of " + s.vpcId() + " has a route for " + s.destination());
      }
      List<VipRoutes.RouteView> wrong = VipRoutes.notPointingAt(routes, s.eniId());
      if (!wrong.isEmpty()) {
        return MonitorResult.error(AwsCodes.ROUTING_CHANGED, "the routing for VIP " + s.vip()
            + " changed: " + VipRoutes.describe(wrong) + " instead of " + s.eniId());
      }
      return MonitorResult.normal();
    }
  }
}
