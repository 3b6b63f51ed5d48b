package io.zoneha.resources.aws;

import io.vertx.core.Future;
import io.zoneha.resources.aws.VipRoutes.RouteView;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockStateCode;

/** The EC2 calls awsvip and awsvipw make, each mapped to the catalogue on failure. */
public final class VipAws {
  private final AwsClients aws;
  private final AwsCodes.Family codes;

  public VipAws(AwsClients aws, AwsCodes.Family codes) {
    this.aws = aws;
    this.codes = codes;
  }

  /** Every CIDR block associated with the VPC; fails with InvalidVpcID.NotFound mapped. */
  public Future<List<String>> vpcCidrs(String vpcId) {
    return aws.ec2("DescribeVpcs " + vpcId, codes, c -> c.describeVpcs(b -> b.vpcIds(vpcId)))
        .map(r -> r.vpcs().stream().flatMap(VipAws::cidrsOf).distinct().toList());
  }

  private static java.util.stream.Stream<String> cidrsOf(Vpc v) {
    // blocks being removed or already removed no longer belong to the VPC
    List<String> assoc = v.cidrBlockAssociationSet().stream()
        .filter(a -> a.cidrBlockState() == null || a.cidrBlockState().state() == null
            || a.cidrBlockState().state() == VpcCidrBlockStateCode.ASSOCIATED
            || a.cidrBlockState().state() == VpcCidrBlockStateCode.ASSOCIATING)
        .map(VpcCidrBlockAssociation::cidrBlock).toList();
    return assoc.isEmpty() ? java.util.stream.Stream.of(v.cidrBlock()) : assoc.stream();
  }

  /** Succeeds when the ENI exists. */
  public Future<Void> checkEni(String eniId) {
    return aws.ec2("DescribeNetworkInterfaces " + eniId, codes,
        c -> c.describeNetworkInterfaces(b -> b.networkInterfaceIds(eniId))).mapEmpty();
  }

  /** The VIP route of every route table of the VPC that holds one. */
  public Future<List<RouteView>> vipRoutes(String vpcId, String destination) {
    return aws.ec2("DescribeRouteTables " + vpcId, codes, c -> c.describeRouteTables(b -> b.filters(
            Filter.builder().name("vpc-id").values(vpcId).build(),
            Filter.builder().name("route.destination-cidr-block").values(destination).build())))
        .map(r -> VipRoutes.viewsOf(r.routeTables(), destination));
  }

  public Future<Void> pointAt(String tableId, String destination, String eniId) {
    return aws.ec2("ReplaceRoute " + tableId + " " + destination, codes, c -> c.replaceRoute(b -> b
        .routeTableId(tableId).destinationCidrBlock(destination).networkInterfaceId(eniId))).mapEmpty();
  }
}
