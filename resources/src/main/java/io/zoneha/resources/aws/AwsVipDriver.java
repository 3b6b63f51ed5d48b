package io.zoneha.resources.aws;

import io.vertx.core.Future;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.ActionFailure.Scope;
import io.zoneha.engine.spi.Reason;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.resources.aws.VipRoutes.RouteView;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the VIP to this server: every route table of the VPC holding {@code VIP/32} is pointed at
 * this server's ENI (in parallel, then re-read to verify), then the VIP is added locally.
 */
public final class AwsVipDriver implements ResourceDriver {
  private static final Logger LOG = LoggerFactory.getLogger(AwsVipDriver.class);
  private final String name;
  private final VipSettings s;
  private final VipAws ec2;
  private final LocalAddresses local;

  public AwsVipDriver(String name, VipSettings settings, AwsClients aws, LocalAddresses local) {
    this.name = name;
    this.s = settings;
    this.ec2 = new VipAws(aws, AwsCodes.Family.VIP);
    this.local = local;
  }

  @Override
  public Future<Void> activate(Reason reason) {
    return Future.all(ec2.vpcCidrs(s.vpcId()), ec2.checkEni(s.eniId()))
        .compose(both -> {
          List<String> cidrs = both.resultAt(0);
          return VipRoutes.cidrContaining(s.vip(), cidrs)
              .<Future<Void>>map(c -> Future.failedFuture(new ActionFailure(AwsCodes.VIP_IN_VPC_CIDR,
                  "VIP " + s.vip() + " lies inside " + s.vpcId() + "'s CIDR block " + c
                      + "; choose an address outside every VPC CIDR", Scope.GIVE_UP)))
              .orElseGet(Future::succeededFuture);
        })
        .compose(v -> ec2.vipRoutes(s.vpcId(), s.destination()))
        .compose(this::pointAllAtMe)
        .compose(v -> ec2.vipRoutes(s.vpcId(), s.destination()))
        .compose(this::verify)
        .compose(v -> local.add(s.device(), s.vip()))
        .onSuccess(v -> LOG.info("{}: VIP {} routed to {} ({})", name, s.vip(), s.eniId(), reason));
  }

  private Future<Void> pointAllAtMe(List<RouteView> routes) {
    if (routes.isEmpty()) {
      return Future.failedFuture(new ActionFailure(AwsCodes.VIP_AWS_FAILED, "no route table of "
          + s.vpcId() + " has a route for " + s.destination() + "; add one (any target) to each route"
          + " table that clients use", Scope.GIVE_UP));
    }
    List<Future<Void>> calls = VipRoutes.notPointingAt(routes, s.eniId()).stream()
        .map(r -> ec2.pointAt(r.tableId(), s.destination(), s.eniId())).toList();
    return Future.all(calls).mapEmpty();
  }

  private Future<Void> verify(List<RouteView> routes) {
    List<RouteView> wrong = VipRoutes.notPointingAt(routes, s.eniId());
    if (routes.isEmpty() || !wrong.isEmpty()) {
      return Future.failedFuture(new ActionFailure(AwsCodes.VIP_AWS_FAILED, "after the update, routes"
          + " for " + s.destination() + " still point elsewhere: " + VipRoutes.describe(wrong),
          Scope.RETRY_HERE));
    }
    return Future.succeededFuture();
  }

  /** Routes are left as they are: the next active server rewrites them. */
  @Override
  public Future<Void> deactivate(Reason reason) {
    return local.remove(s.device(), s.vip())
        .onSuccess(v -> LOG.info("{}: VIP {} {} ({})", name, s.vip(),
            s.addLocalAddress() ? "removed from " + s.device() : "released (addLocalAddress off: no local address)", reason));
  }
}
