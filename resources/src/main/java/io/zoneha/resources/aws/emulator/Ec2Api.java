package io.zoneha.resources.aws.emulator;

import io.zoneha.resources.aws.emulator.Model.Address;
import io.zoneha.resources.aws.emulator.Model.Eni;
import io.zoneha.resources.aws.emulator.Model.Instance;
import io.zoneha.resources.aws.emulator.Model.Route;
import io.zoneha.resources.aws.emulator.Model.RouteTable;
import io.zoneha.resources.aws.emulator.Model.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The EC2 Query API subset: reads the form fields, changes {@link EmulatorState}, writes the
 * response XML in the shapes of API version 2016-11-15.
 */
final class Ec2Api {
  static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  static final Set<String> MUTATING = Set.of("ReplaceRoute", "CreateRoute", "DeleteRoute",
      "AssociateAddress", "DisassociateAddress", "StopInstances");
  static final Set<String> ACTIONS = Set.of("DescribeVpcs", "DescribeRouteTables", "ReplaceRoute",
      "CreateRoute", "DeleteRoute", "DescribeNetworkInterfaces", "AssociateAddress",
      "DisassociateAddress", "DescribeAddresses", "DescribeAvailabilityZones", "DescribeInstances",
      "StopInstances");

  private final EmulatorState s;
  private final Ec2Describe describe;

  Ec2Api(EmulatorState s) {
    this.s = s;
    this.describe = new Ec2Describe(s, this);
  }

  String handle(String action, QueryParams p) {
    synchronized (s) {
      return switch (action) {
        case "DescribeVpcs" -> describe.vpcs(p, start(action));
        case "DescribeRouteTables" -> describe.routeTables(p, start(action));
        case "DescribeNetworkInterfaces" -> describe.networkInterfaces(p, start(action));
        case "DescribeAddresses" -> describe.addresses(p, start(action));
        case "DescribeAvailabilityZones" -> describe.availabilityZones(p, start(action));
        case "DescribeInstances" -> describe.instances(p, start(action));
        case "ReplaceRoute" -> replaceRoute(p);
        case "CreateRoute" -> createRoute(p);
        case "DeleteRoute" -> deleteRoute(p);
        case "AssociateAddress" -> associateAddress(p);
        case "DisassociateAddress" -> disassociateAddress(p);
        case "StopInstances" -> stopInstances(p);
        default -> throw AwsError.badRequest("InvalidAction",
            "The action " + action + " is not valid for this web service.");
      };
    }
  }

  static Xml start(String action) {
    return new Xml().openNs(action + "Response", NS).el("requestId", UUID.randomUUID());
  }

  static String errorXml(AwsError e) {
    return new Xml().open("Response").open("Errors").open("Error").el("Code", e.code)
        .el("Message", e.getMessage()).close("Error").close("Errors")
        .el("RequestID", UUID.randomUUID()).close("Response").toString();
  }

  private static String ok(String action) {
    return start(action).el("return", "true").close(action + "Response").toString();
  }

  RouteTable table(String id) {
    RouteTable t = s.routeTables.get(id);
    if (t == null) {
      throw AwsError.badRequest("InvalidRouteTableID.NotFound",
          "The routeTable ID '" + id + "' does not exist");
    }
    return t;
  }

  Eni eni(String id) {
    Eni e = s.enis.get(id);
    if (e == null) {
      throw AwsError.badRequest("InvalidNetworkInterfaceID.NotFound",
          "The networkInterface ID '" + id + "' does not exist");
    }
    return e;
  }

  Vpc vpc(String id) {
    Vpc v = s.vpcs.get(id);
    if (v == null) {
      throw AwsError.badRequest("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
    }
    return v;
  }

  Address allocation(String id) {
    Address a = s.addresses.get(id);
    if (a == null) {
      throw AwsError.badRequest("InvalidAllocationID.NotFound",
          "The allocation ID '" + id + "' does not exist");
    }
    return a;
  }

  Instance instance(String id) {
    Instance i = s.instances.get(id);
    if (i == null) {
      throw AwsError.badRequest("InvalidInstanceID.NotFound",
          "The instance ID '" + id + "' does not exist");
    }
    return i;
  }

  /** Fills the target of {@code r} from the request and checks it exists in the table's VPC. */
  private void setTarget(Route r, RouteTable t, QueryParams p) {
    String eniId = p.get("NetworkInterfaceId");
    String gw = p.get("GatewayId");
    String inst = p.get("InstanceId");
    if (eniId == null && gw == null && inst == null) {
      throw AwsError.badRequest("MissingParameter",
          "The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId,"
              + " vpcPeeringConnectionId, egressOnlyInternetGatewayId, transitGatewayId,"
              + " localGatewayId, carrierGatewayId, or instanceId");
    }
    if (eniId != null) {
      Eni e = eni(eniId);
      if (!t.vpcId.equals(e.vpcId)) {
        throw AwsError.badRequest("InvalidParameterValue", "route table " + t.id
            + " and network interface " + e.id + " belong to different networks");
      }
    }
    if (inst != null) {
      instance(inst);
    }
    r.networkInterfaceId = eniId;
    r.gatewayId = gw;
    r.instanceId = inst;
  }

  private String replaceRoute(QueryParams p) {
    RouteTable t = table(p.required("RouteTableId"));
    String dest = p.required("DestinationCidrBlock");
    Route r = t.route(dest);
    if (r == null) {
      throw AwsError.badRequest("InvalidRoute.NotFound", "There is no route defined for '" + dest
          + "' in the route table. Use CreateRoute instead.");
    }
    if ("local".equals(r.gatewayId)) {
      throw AwsError.badRequest("InvalidParameterValue",
          "The local route " + dest + " cannot be replaced.");
    }
    Route copy = new Route();
    setTarget(copy, t, p);
    r.networkInterfaceId = copy.networkInterfaceId;
    r.gatewayId = copy.gatewayId;
    r.instanceId = copy.instanceId;
    r.origin = "CreateRoute";
    return ok("ReplaceRoute");
  }

  private String createRoute(QueryParams p) {
    RouteTable t = table(p.required("RouteTableId"));
    String dest = p.required("DestinationCidrBlock");
    if (t.route(dest) != null) {
      throw AwsError.badRequest("RouteAlreadyExists",
          "The route identified by " + dest + " already exists.");
    }
    Route r = new Route();
    r.destination = dest;
    setTarget(r, t, p);
    t.routes.add(r);
    return ok("CreateRoute");
  }

  private String deleteRoute(QueryParams p) {
    RouteTable t = table(p.required("RouteTableId"));
    String dest = p.required("DestinationCidrBlock");
    Route r = t.route(dest);
    if (r == null) {
      throw AwsError.badRequest("InvalidRoute.NotFound",
          "no route with destination-cidr-block " + dest + " in route table " + t.id);
    }
    t.routes.remove(r);
    return ok("DeleteRoute");
  }

  private String associateAddress(QueryParams p) {
    Address a = allocation(p.required("AllocationId"));
    String eniId = p.get("NetworkInterfaceId");
    if (eniId == null && p.get("InstanceId") != null) {
      String inst = instance(p.get("InstanceId")).id;
      eniId = s.enis.values().stream().filter(e -> inst.equals(e.instanceId)).map(e -> e.id)
          .findFirst().orElseThrow(() -> AwsError.badRequest("InvalidInstanceID",
              "The instance " + inst + " has no network interface"));
    }
    if (eniId == null) {
      throw AwsError.badRequest("MissingParameter",
          "Either instance ID or network interface ID must be specified");
    }
    Eni e = eni(eniId);
    boolean sameTarget = e.id.equals(a.networkInterfaceId);
    if (a.associationId != null && !sameTarget && !p.flag("AllowReassociation")) {
      throw AwsError.badRequest("Resource.AlreadyAssociated", "resource " + a.allocationId
          + " is already associated with associate-id " + a.associationId);
    }
    a.networkInterfaceId = e.id;
    a.privateIp = p.get("PrivateIpAddress") != null ? p.get("PrivateIpAddress") : e.privateIp;
    a.associationId = s.newId("eipassoc-");
    return start("AssociateAddress").el("return", "true").el("associationId", a.associationId)
        .close("AssociateAddressResponse").toString();
  }

  private String disassociateAddress(QueryParams p) {
    String assoc = p.get("AssociationId");
    String publicIp = p.get("PublicIp");
    Address a = s.addresses.values().stream()
        .filter(x -> assoc != null ? assoc.equals(x.associationId) : x.publicIp.equals(publicIp))
        .findFirst().orElse(null);
    if (a == null || a.associationId == null) {
      if (assoc == null && publicIp == null) {
        throw AwsError.badRequest("MissingParameter", "The request must contain the parameter AssociationId");
      }
      throw AwsError.badRequest("InvalidAssociationID.NotFound",
          "The association ID '" + (assoc != null ? assoc : publicIp) + "' does not exist");
    }
    a.associationId = null;
    a.networkInterfaceId = null;
    a.privateIp = null;
    return ok("DisassociateAddress");
  }

  private String stopInstances(QueryParams p) {
    List<Instance> list = new ArrayList<>();
    for (String id : p.list("InstanceId")) {
      list.add(instance(id));
    }
    Xml x = start("StopInstances").open("instancesSet");
    for (Instance i : list) {
      String before = i.state;
      i.state = "stopped";
      x.open("item").el("instanceId", i.id).open("currentState").el("code", 64).el("name", "stopping")
          .close("currentState").open("previousState").el("code", Ec2Describe.stateCode(before))
          .el("name", before).close("previousState").close("item");
    }
    return x.close("instancesSet").close("StopInstancesResponse").toString();
  }

  /** True when every filter has a value equal to one of {@code actual}'s values for that name. */
  static boolean matches(Map<String, List<String>> filters, Map<String, List<String>> actual) {
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      List<String> have = actual.get(f.getKey());
      if (have == null) {
        continue; // filters we do not model match everything, as a lenient emulator
      }
      if (f.getValue().stream().noneMatch(have::contains)) {
        return false;
      }
    }
    return true;
  }
}
