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
import io.zoneha.resources.aws.ParamChecks;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.AvailabilityZoneMessage;
import software.amazon.awssdk.services.ec2.model.AvailabilityZoneState;

/** {@code awsazw}: this server's availability zone as EC2 reports it. */
public final class AwsAzwType implements MonitorType {
  public static final String TYPE = "awsazw";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public List<FieldProblem> validate(Params params) {
    return new ParamChecks(params)
        .required("availabilityZone", z -> z.matches("[a-z]{2}(-[a-z]+)+-\\d+[a-z]"), "an AZ name like us-east-1a")
        .oneOf(NoResponsePolicy.KEY, NoResponsePolicy.NAMES).problems();
  }

  @Override
  public MonitorDriver create(MonitorContext ctx) {
    AwsClients aws = AwsClients.forNode(ctx.services(), ctx.vertx(), ctx.cluster().aws());
    return new Driver(ctx.params().string("availabilityZone").trim(), aws, NoResponsePolicy.from(ctx.params()));
  }

  /** Pure: the result for a zone's reported state. */
  static MonitorResult judge(AvailabilityZone z) {
    String messages = String.join("; ", z.messages().stream().map(AvailabilityZoneMessage::message).toList());
    String detail = messages.isEmpty() ? "" : " (" + messages + ")";
    AvailabilityZoneState st = z.state();
    if (st == AvailabilityZoneState.AVAILABLE) {
      return MonitorResult.normal();
    }
    if (st == AvailabilityZoneState.UNAVAILABLE) {
      return MonitorResult.error(AwsCodes.AZ_UNAVAILABLE, "availability zone " + z.zoneName()
          + " is unavailable" + detail);
    }
    return MonitorResult.warning(AwsCodes.WARN_AZ_DEGRADED, "availability zone " + z.zoneName()
        + " reports state " + z.stateAsString() + detail);
  }

  record Driver(String zone, AwsClients aws, NoResponsePolicy policy) implements MonitorDriver {
    @Override
    public Future<MonitorResult> check() {
      return aws.ec2("DescribeAvailabilityZones " + zone, AwsCodes.Family.STANDARD,
              c -> c.describeAvailabilityZones(b -> b.zoneNames(zone)))
          .map(r -> r.availabilityZones().stream().filter(z -> zone.equals(z.zoneName())).findFirst()
              .map(AwsAzwType::judge)
              .orElse(MonitorResult.error(AwsCodes.AWS_FAILED, "EC2 did not report zone " + zone)))
          .recover(t -> Future.succeededFuture(policy.result(t, "DescribeAvailabilityZones " + zone, true)));
    }
  }
}
