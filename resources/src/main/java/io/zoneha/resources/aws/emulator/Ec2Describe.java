package io.zoneha.resources.aws.emulator;

import io.zoneha.resources.aws.emulator.Model.Address;
import io.zoneha.resources.aws.emulator.Model.Az;
import io.zoneha.resources.aws.emulator.Model.Eni;
import io.zoneha.resources.aws.emulator.Model.Instance;
import io.zoneha.resources.aws.emulator.Model.Route;
import io.zoneha.resources.aws.emulator.Model.RouteTable;
import io.zoneha.resources.aws.emulator.Model.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The read-only EC2 calls. The caller holds the state lock. */
final class Ec2Describe {
  private final EmulatorState s;
  private final Ec2Api lookups;

  Ec2Describe(EmulatorState s, Ec2Api lookups) {
    this.s = s;
    this.lookups = lookups;
  }

  private Ec2Api api() {
    return lookups;
  }

  String vpcs(QueryParams p, Xml x) {
    List<Vpc> list = new ArrayList<>();
    for (String id : p.list("VpcId")) {
      list.add(api().vpc(id));
    }
    if (list.isEmpty()) {
      list.addAll(s.vpcs.values());
    }
    Map<String, List<String>> filters = p.filters();
    x.open("vpcSet");
    for (Vpc v : list) {
      if (!Ec2Api.matches(filters, Map.of("vpc-id", List.of(v.id), "cidr", v.cidrs,
          "cidr-block-association.cidr-block", v.cidrs))) {
        continue;
      }
      x.open("item").el("vpcId", v.id).el("ownerId", s.accountId).el("state", "available")
          .el("cidrBlock", v.cidrs.get(0)).open("cidrBlockAssociationSet");
      for (int i = 0; i < v.cidrs.size(); i++) {
        x.open("item").el("cidrBlock", v.cidrs.get(i)).el("associationId", v.id.replace("vpc-", "vpc-cidr-assoc-") + i)
            .open("cidrBlockState").el("state", "associated").close("cidrBlockState").close("item");
      }
      x.close("cidrBlockAssociationSet").el("dhcpOptionsId", "dopt-00000001")
          .el("instanceTenancy", "default").el("isDefault", "false").empty("tagSet").close("item");
    }
    return x.close("vpcSet").close("DescribeVpcsResponse").toString();
  }

  String routeTables(QueryParams p, Xml x) {
    List<RouteTable> list = new ArrayList<>();
    for (String id : p.list("RouteTableId")) {
      list.add(api().table(id));
    }
    if (list.isEmpty()) {
      list.addAll(s.routeTables.values());
    }
    Map<String, List<String>> filters = p.filters();
    x.open("routeTableSet");
    for (RouteTable t : list) {
      List<String> dests = t.routes.stream().map(r -> r.destination).toList();
      List<String> targets = t.routes.stream().map(Route::target).toList();
      if (!Ec2Api.matches(filters, Map.of("vpc-id", List.of(t.vpcId), "route-table-id", List.of(t.id),
          "route.destination-cidr-block", dests, "route.network-interface-id", targets))) {
        continue;
      }
      x.open("item").el("routeTableId", t.id).el("vpcId", t.vpcId).el("ownerId", s.accountId)
          .open("routeSet");
      for (Route r : t.routes) {
        x.open("item").el("destinationCidrBlock", r.destination).el("gatewayId", r.gatewayId)
            .el("instanceId", r.instanceId).el("networkInterfaceId", r.networkInterfaceId)
            .el("state", "active").el("origin", r.origin).close("item");
      }
      x.close("routeSet").empty("associationSet").empty("propagatingVgwSet").empty("tagSet")
          .close("item");
    }
    return x.close("routeTableSet").close("DescribeRouteTablesResponse").toString();
  }

  String networkInterfaces(QueryParams p, Xml x) {
    List<Eni> list = new ArrayList<>();
    for (String id : p.list("NetworkInterfaceId")) {
      list.add(api().eni(id));
    }
    if (list.isEmpty()) {
      list.addAll(s.enis.values());
    }
    Map<String, List<String>> filters = p.filters();
    x.open("networkInterfaceSet");
    for (Eni e : list) {
      if (!Ec2Api.matches(filters, Map.of("network-interface-id", List.of(e.id),
          "vpc-id", List.of(String.valueOf(e.vpcId))))) {
        continue;
      }
      eniXml(x, e);
    }
    return x.close("networkInterfaceSet").close("DescribeNetworkInterfacesResponse").toString();
  }

  private void eniXml(Xml x, Eni e) {
    Address eip = s.addresses.values().stream().filter(a -> e.id.equals(a.networkInterfaceId))
        .findFirst().orElse(null);
    x.open("item").el("networkInterfaceId", e.id).el("subnetId", e.subnetId).el("vpcId", e.vpcId)
        .el("availabilityZone", e.az).el("description", "").el("ownerId", s.accountId)
        .el("requesterManaged", "false").el("status", e.instanceId == null ? "available" : "in-use")
        .el("macAddress", e.macAddress).el("privateIpAddress", e.privateIp)
        .el("sourceDestCheck", "false").empty("groupSet");
    if (e.instanceId != null) {
      x.open("attachment").el("attachmentId", e.id.replace("eni-", "eni-attach-"))
          .el("instanceId", e.instanceId).el("instanceOwnerId", s.accountId).el("deviceIndex", 0)
          .el("status", "attached").el("deleteOnTermination", "true").close("attachment");
    }
    if (eip != null) {
      x.open("association").el("publicIp", eip.publicIp).el("ipOwnerId", s.accountId)
          .el("allocationId", eip.allocationId).el("associationId", eip.associationId)
          .close("association");
    }
    x.empty("tagSet").open("privateIpAddressesSet").open("item").el("privateIpAddress", e.privateIp)
        .el("primary", "true").close("item").close("privateIpAddressesSet")
        .el("interfaceType", "interface").close("item");
  }

  String addresses(QueryParams p, Xml x) {
    List<Address> list = new ArrayList<>();
    for (String id : p.list("AllocationId")) {
      list.add(api().allocation(id));
    }
    for (String ip : p.list("PublicIp")) {
      list.add(s.addresses.values().stream().filter(a -> a.publicIp.equals(ip)).findFirst()
          .orElseThrow(() -> AwsError.badRequest("InvalidAddress.NotFound",
              "Address '" + ip + "' not found.")));
    }
    if (list.isEmpty()) {
      list.addAll(s.addresses.values());
    }
    Map<String, List<String>> filters = p.filters();
    x.open("addressesSet");
    for (Address a : list) {
      if (!Ec2Api.matches(filters, Map.of("allocation-id", List.of(a.allocationId),
          "public-ip", List.of(a.publicIp)))) {
        continue;
      }
      Eni e = a.networkInterfaceId == null ? null : s.enis.get(a.networkInterfaceId);
      x.open("item").el("publicIp", a.publicIp).el("allocationId", a.allocationId).el("domain", "vpc")
          .el("instanceId", e == null ? null : e.instanceId).el("associationId", a.associationId)
          .el("networkInterfaceId", a.networkInterfaceId)
          .el("networkInterfaceOwnerId", a.networkInterfaceId == null ? null : s.accountId)
          .el("privateIpAddress", a.privateIp).el("publicIpv4Pool", "amazon")
          .el("networkBorderGroup", s.region).empty("tagSet").close("item");
    }
    return x.close("addressesSet").close("DescribeAddressesResponse").toString();
  }

  String availabilityZones(QueryParams p, Xml x) {
    List<String> names = new ArrayList<>(p.list("ZoneName"));
    List<Az> list = new ArrayList<>();
    for (String n : names) {
      Az z = s.azs.get(n);
      if (z == null) {
        throw AwsError.badRequest("InvalidParameterValue", "Invalid availability zone: [" + n + "]");
      }
      list.add(z);
    }
    if (list.isEmpty()) {
      list.addAll(s.azs.values());
    }
    Map<String, List<String>> filters = p.filters();
    x.open("availabilityZoneInfo");
    for (Az z : list) {
      if (!Ec2Api.matches(filters, Map.of("zone-name", List.of(z.name), "zone-id", List.of(z.zoneId),
          "state", List.of(z.state)))) {
        continue;
      }
      x.open("item").el("zoneName", z.name).el("zoneState", z.state).el("regionName", s.region)
          .el("zoneId", z.zoneId).el("zoneType", "availability-zone")
          .el("optInStatus", "opt-in-not-required").el("groupName", s.region)
          .el("networkBorderGroup", s.region).open("messageSet");
      for (String m : z.messages) {
        x.open("item").el("message", m).close("item");
      }
      x.close("messageSet").close("item");
    }
    return x.close("availabilityZoneInfo").close("DescribeAvailabilityZonesResponse").toString();
  }

  String instances(QueryParams p, Xml x) {
    List<Instance> list = new ArrayList<>();
    for (String id : p.list("InstanceId")) {
      list.add(api().instance(id));
    }
    if (list.isEmpty()) {
      list.addAll(s.instances.values());
    }
    x.open("reservationSet");
    for (Instance i : list) {
      List<Eni> enis = s.enis.values().stream().filter(e -> i.id.equals(e.instanceId)).toList();
      Eni primary = enis.isEmpty() ? null : enis.get(0);
      x.open("item").el("reservationId", i.id.replace("i-", "r-")).el("ownerId", s.accountId)
          .empty("groupSet").open("instancesSet").open("item").el("instanceId", i.id)
          .el("imageId", "ami-00000001").open("instanceState").el("code", stateCode(i.state))
          .el("name", i.state).close("instanceState").el("instanceType", "t3.micro")
          .open("placement").el("availabilityZone", i.az).el("tenancy", "default").close("placement")
          .el("subnetId", primary == null ? null : primary.subnetId)
          .el("vpcId", primary == null ? null : primary.vpcId)
          .el("privateIpAddress", primary == null ? null : primary.privateIp)
          .el("sourceDestCheck", "false").open("networkInterfaceSet");
      for (Eni e : enis) {
        x.open("item").el("networkInterfaceId", e.id).el("subnetId", e.subnetId).el("vpcId", e.vpcId)
            .el("privateIpAddress", e.privateIp).el("status", "in-use").close("item");
      }
      x.close("networkInterfaceSet").close("item").close("instancesSet").close("item");
    }
    return x.close("reservationSet").close("DescribeInstancesResponse").toString();
  }

  static int stateCode(String state) {
    return switch (state) {
      case "pending" -> 0;
      case "running" -> 16;
      case "shutting-down" -> 32;
      case "terminated" -> 48;
      case "stopping" -> 64;
      default -> 80;
    };
  }
}
