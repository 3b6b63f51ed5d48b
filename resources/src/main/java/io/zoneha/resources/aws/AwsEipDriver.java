package io.zoneha.resources.aws;

import io.vertx.core.Future;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.ActionFailure.Scope;
import io.zoneha.engine.spi.Reason;
import io.zoneha.engine.spi.ResourceDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Address;

/** Associates the Elastic IP with this server's ENI (taking it over from wherever it is). */
public final class AwsEipDriver implements ResourceDriver {
  private static final Logger LOG = LoggerFactory.getLogger(AwsEipDriver.class);
  private final String name;
  private final EipSettings s;
  private final EipAws ec2;

  public AwsEipDriver(String name, EipSettings settings, AwsClients aws) {
    this.name = name;
    this.s = settings;
    this.ec2 = new EipAws(aws);
  }

  @Override
  public Future<Void> activate(Reason reason) {
    return ec2.address(s.allocationId())
        .compose(a -> s.eniId().equals(a.networkInterfaceId()) ? Future.succeededFuture()
            : ec2.associate(s.allocationId(), s.eniId()))
        .compose(v -> ec2.address(s.allocationId()))
        .compose(a -> s.eniId().equals(a.networkInterfaceId()) ? Future.<Void>succeededFuture()
            : Future.<Void>failedFuture(new ActionFailure(AwsCodes.AWS_FAILED, "after AssociateAddress, "
                + s.allocationId() + " is associated with " + owner(a) + ", not " + s.eniId(),
                Scope.RETRY_HERE)))
        .onSuccess(v -> LOG.info("{}: EIP {} associated with {} ({})", name, s.allocationId(), s.eniId(), reason));
  }

  /** Disassociates only when the EIP is still ours: another server may already hold it. */
  @Override
  public Future<Void> deactivate(Reason reason) {
    return ec2.address(s.allocationId()).compose(a -> {
      if (!s.eniId().equals(a.networkInterfaceId()) || a.associationId() == null) {
        return Future.<Void>succeededFuture();
      }
      return ec2.disassociate(a.associationId()).recover(t -> t instanceof ActionFailure f
          && f.getCause() instanceof software.amazon.awssdk.awscore.exception.AwsServiceException ae
          && ae.awsErrorDetails() != null
          && "InvalidAssociationID.NotFound".equals(ae.awsErrorDetails().errorCode())
          ? Future.succeededFuture() : Future.failedFuture(t));
    }).onSuccess(v -> LOG.info("{}: EIP {} released by {} ({})", name, s.allocationId(), s.eniId(), reason));
  }

  static String owner(Address a) {
    return a.networkInterfaceId() == null ? "nothing" : a.networkInterfaceId();
  }
}
