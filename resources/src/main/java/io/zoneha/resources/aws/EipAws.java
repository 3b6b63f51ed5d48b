package io.zoneha.resources.aws;

import io.vertx.core.Future;
import software.amazon.awssdk.services.ec2.model.Address;

/** The EC2 calls awseip and awseipw make. */
public final class EipAws {
  private final AwsClients aws;
  private final AwsCodes.Family codes = AwsCodes.Family.STANDARD;

  public EipAws(AwsClients aws) {
    this.aws = aws;
  }

  /** The allocation as AWS sees it now; fails with InvalidAllocationID.NotFound mapped. */
  public Future<Address> address(String allocationId) {
    return aws.ec2("DescribeAddresses " + allocationId, codes,
            c -> c.describeAddresses(b -> b.allocationIds(allocationId)))
        .map(r -> r.addresses().stream().filter(a -> allocationId.equals(a.allocationId())).findFirst()
            .orElseThrow(() -> new io.zoneha.engine.spi.ActionFailure(AwsCodes.AWS_FAILED,
                "DescribeAddresses did not return allocation " + allocationId,
                io.zoneha.engine.spi.ActionFailure.Scope.GIVE_UP)));
  }

  public Future<Void> associate(String allocationId, String eniId) {
    return aws.ec2("AssociateAddress " + allocationId + " " + eniId, codes, c -> c.associateAddress(b -> b
        .allocationId(allocationId).networkInterfaceId(eniId).allowReassociation(true))).mapEmpty();
  }

  public Future<Void> disassociate(String associationId) {
    return aws.ec2("DisassociateAddress " + associationId, codes,
        c -> c.disassociateAddress(b -> b.associationId(associationId))).mapEmpty();
  }
}
