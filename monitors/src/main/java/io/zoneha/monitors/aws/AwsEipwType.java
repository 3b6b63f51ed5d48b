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
import io.zoneha.resources.aws.AwsEipType;
import io.zoneha.resources.aws.EipAws;
import io.zoneha.resources.aws.EipSettings;
import io.zoneha.resources.aws.ParamChecks;
import java.util.List;

/** {@code awseipw}: the Elastic IP is associated with this server's ENI. */
public final class AwsEipwType implements MonitorType {
  @Override
  public String type() {
    return AwsEipType.MONITOR_TYPE;
  }

  @Override
  public List<FieldProblem> validate(Params params) {
    return new ParamChecks(params).required("resource", s -> !s.isBlank(), "the name of an awseip resource")
        .oneOf(NoResponsePolicy.KEY, NoResponsePolicy.NAMES).problems();
  }

  @Override
  public MonitorDriver create(MonitorContext ctx) {
    EipSettings s = EipSettings.from(WatchedResource.paramsFor(ctx, AwsEipType.TYPE));
    AwsClients aws = AwsClients.forNode(ctx.services(), ctx.vertx(), ctx.cluster().aws());
    return new Driver(s, new EipAws(aws), NoResponsePolicy.from(ctx.params()));
  }

  record Driver(EipSettings s, EipAws ec2, NoResponsePolicy policy) implements MonitorDriver {
    @Override
    public Future<MonitorResult> check() {
      return ec2.address(s.allocationId()).map(a -> s.eniId().equals(a.networkInterfaceId())
              ? MonitorResult.normal()
              : MonitorResult.error(AwsCodes.NOT_ASSOCIATED, "Elastic IP " + s.allocationId()
                  + " is not associated with " + s.eniId() + " (now: "
                  + (a.networkInterfaceId() == null ? "not associated" : a.networkInterfaceId()) + ")"))
          .recover(t -> Future.succeededFuture(policy.result(t, "EIP check", false)));
    }
  }
}
