package io.zoneha.resources.aws.emulator;

import io.zoneha.resources.aws.Ipv4;
import io.zoneha.resources.aws.emulator.Model.Address;
import io.zoneha.resources.aws.emulator.Model.Az;
import io.zoneha.resources.aws.emulator.Model.Eni;
import io.zoneha.resources.aws.emulator.Model.HostedZone;
import io.zoneha.resources.aws.emulator.Model.Instance;
import io.zoneha.resources.aws.emulator.Model.RecordSet;
import io.zoneha.resources.aws.emulator.Model.Route;
import io.zoneha.resources.aws.emulator.Model.RouteTable;
import io.zoneha.resources.aws.emulator.Model.Subnet;
import io.zoneha.resources.aws.emulator.Model.Vpc;
import java.util.Locale;

/** Fills an {@link EmulatorState} from the seed YAML (format in {@link AwsEmulator}'s javadoc). */
final class StateYaml {
  private StateYaml() {}

  static void fill(EmulatorState s, YamlNode root) {
    s.region = root.get("region").str(s.region);
    s.accountId = root.get("accountId").str(s.accountId);
    s.changeInsyncDelayMs = root.get("changeInsyncDelayMs").number(s.changeInsyncDelayMs);
    for (YamlNode n : root.get("availabilityZones").list()) {
      Az z = new Az();
      z.name = n.get("name").str();
      z.zoneId = n.get("zoneId").str(z.name);
      z.state = state(n.get("state"));
      z.messages.addAll(n.get("messages").strings());
      s.azs.put(z.name, z);
    }
    for (YamlNode n : root.get("vpcs").list()) {
      Vpc v = new Vpc();
      v.id = n.get("id").str();
      v.cidrs.addAll(n.get("cidrs").strings());
      EmulatorState.require(!v.cidrs.isEmpty(), n.path() + ".cidrs: at least one CIDR block");
      for (YamlNode c : n.get("cidrs").list()) {
        try {
          Ipv4.Cidr.parse(c.str());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(c.path() + ": " + e.getMessage());
        }
      }
      s.vpcs.put(v.id, v);
    }
    for (YamlNode n : root.get("subnets").list()) {
      Subnet sn = new Subnet();
      sn.id = n.get("id").str();
      sn.vpcId = n.get("vpcId").str();
      sn.cidr = n.get("cidr").str();
      sn.az = n.get("az").str(null);
      s.subnets.put(sn.id, sn);
    }
    routeTables(s, root);
    for (YamlNode n : root.get("instances").list()) {
      Instance i = new Instance();
      i.id = n.get("id").str();
      i.az = n.get("az").str(null);
      i.state = n.get("state").str("running");
      s.instances.put(i.id, i);
    }
    enis(s, root);
    addresses(s, root);
    zones(s, root);
    s.check();
  }

  private static String state(YamlNode n) {
    String st = n.str("available");
    EmulatorState.require(AwsEmulator.AZ_STATES.contains(st),
        n.path() + ": one of " + AwsEmulator.AZ_STATES + ", not '" + st + "'");
    return st;
  }

  private static void routeTables(EmulatorState s, YamlNode root) {
    for (YamlNode n : root.get("routeTables").list()) {
      RouteTable t = new RouteTable();
      t.id = n.get("id").str();
      t.vpcId = n.get("vpcId").str();
      Vpc vpc = s.vpcs.get(t.vpcId);
      EmulatorState.require(vpc != null, n.path() + ".vpcId: unknown VPC " + t.vpcId);
      for (String cidr : vpc.cidrs) {
        Route local = new Route();
        local.destination = cidr;
        local.gatewayId = "local";
        local.origin = "CreateRouteTable";
        t.routes.add(local);
      }
      for (YamlNode rn : n.get("routes").list()) {
        Route r = new Route();
        r.destination = rn.get("destination").str();
        r.networkInterfaceId = rn.get("networkInterfaceId").str(null);
        r.gatewayId = rn.get("gatewayId").str(null);
        r.instanceId = rn.get("instanceId").str(null);
        EmulatorState.require(r.target() != null,
            rn.path() + ": one of networkInterfaceId, gatewayId, instanceId is required");
        t.routes.add(r);
      }
      s.routeTables.put(t.id, t);
    }
  }

  private static void enis(EmulatorState s, YamlNode root) {
    int mac = 1;
    for (YamlNode n : root.get("networkInterfaces").list()) {
      Eni e = new Eni();
      e.id = n.get("id").str();
      e.subnetId = n.get("subnetId").str(null);
      e.vpcId = n.get("vpcId").str(null);
      Subnet sn = e.subnetId == null ? null : s.subnets.get(e.subnetId);
      EmulatorState.require(e.subnetId == null || sn != null,
          n.path() + ".subnetId: unknown subnet " + e.subnetId);
      if (sn != null) {
        e.vpcId = sn.vpcId;
        e.az = sn.az;
      }
      e.az = n.get("az").str(e.az);
      e.privateIp = n.get("privateIp").str();
      e.instanceId = n.get("instanceId").str(null);
      e.macAddress = String.format(Locale.ROOT, "02:00:00:00:%02x:%02x", (mac >> 8) & 255, mac & 255);
      mac++;
      s.enis.put(e.id, e);
    }
  }

  private static void addresses(EmulatorState s, YamlNode root) {
    for (YamlNode n : root.get("addresses").list()) {
      Address a = new Address();
      a.allocationId = n.get("allocationId").str();
      a.publicIp = n.get("publicIp").str();
      a.networkInterfaceId = n.get("networkInterfaceId").str(null);
      if (a.networkInterfaceId != null) {
        a.associationId = s.newId("eipassoc-");
        Eni e = s.enis.get(a.networkInterfaceId);
        a.privateIp = e == null ? null : e.privateIp;
      }
      s.addresses.put(a.allocationId, a);
    }
  }

  private static void zones(EmulatorState s, YamlNode root) {
    for (YamlNode n : root.get("hostedZones").list()) {
      HostedZone z = new HostedZone();
      z.id = n.get("id").str();
      z.name = EmulatorState.normalizeName(n.get("name").str());
      z.privateZone = n.get("private").bool(true);
      for (YamlNode rn : n.get("records").list()) {
        RecordSet r = new RecordSet();
        r.name = EmulatorState.normalizeName(rn.get("name").str());
        r.type = rn.get("type").str("A").toUpperCase(Locale.ROOT);
        r.ttl = rn.get("ttl").number(300);
        r.values.addAll(rn.get("values").strings());
        z.records.put(EmulatorState.recordKey(r.name, r.type), r);
      }
      s.zones.put(z.id, z);
    }
  }
}
