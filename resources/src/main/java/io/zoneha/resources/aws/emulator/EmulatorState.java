package io.zoneha.resources.aws.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zoneha.resources.aws.Ipv4;
import io.zoneha.resources.aws.emulator.Model.Address;
import io.zoneha.resources.aws.emulator.Model.Az;
import io.zoneha.resources.aws.emulator.Model.Change;
import io.zoneha.resources.aws.emulator.Model.Eni;
import io.zoneha.resources.aws.emulator.Model.HostedZone;
import io.zoneha.resources.aws.emulator.Model.Instance;
import io.zoneha.resources.aws.emulator.Model.RecordSet;
import io.zoneha.resources.aws.emulator.Model.Route;
import io.zoneha.resources.aws.emulator.Model.RouteTable;
import io.zoneha.resources.aws.emulator.Model.Subnet;
import io.zoneha.resources.aws.emulator.Model.Vpc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The emulated account. Every read and write holds this object's monitor, so the HTTP server, the
 * DNS listener, the admin endpoint and tests calling Java methods all see consistent state.
 */
final class EmulatorState {
  String region = "us-east-1";
  String accountId = "123456789012";
  final Map<String, Az> azs = new LinkedHashMap<>();
  final Map<String, Vpc> vpcs = new LinkedHashMap<>();
  final Map<String, Subnet> subnets = new LinkedHashMap<>();
  final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
  final Map<String, Instance> instances = new LinkedHashMap<>();
  final Map<String, Eni> enis = new LinkedHashMap<>();
  final Map<String, Address> addresses = new LinkedHashMap<>();
  final Map<String, HostedZone> zones = new LinkedHashMap<>();
  final Map<String, Change> changes = new LinkedHashMap<>();
  /** How long a Route 53 change stays PENDING before GetChange reports INSYNC. */
  volatile long changeInsyncDelayMs = 200;
  private final AtomicLong ids = new AtomicLong(0x1000);

  String newId(String prefix) {
    return prefix + String.format(Locale.ROOT, "%017x", ids.incrementAndGet());
  }

  static String recordKey(String name, String type) {
    return normalizeName(name) + "|" + type.toUpperCase(Locale.ROOT);
  }

  /** Route 53 compares names case-insensitively and treats a missing trailing dot as present. */
  static String normalizeName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  /** Parses the YAML seed described in {@link AwsEmulator}'s javadoc; errors name the bad field. */
  static EmulatorState fromYaml(String yaml) {
    Object root = new Load(LoadSettings.builder().build()).loadFromString(yaml);
    EmulatorState s = new EmulatorState();
    if (root == null) {
      return s;
    }
    StateYaml.fill(s, YamlNode.root(root));
    return s;
  }

  synchronized JsonObject toJson() {
    JsonObject o = new JsonObject().put("region", region).put("accountId", accountId);
    JsonArray a = new JsonArray();
    azs.values().forEach(z -> a.add(new JsonObject().put("name", z.name).put("zoneId", z.zoneId)
        .put("state", z.state).put("messages", new JsonArray(List.copyOf(z.messages)))));
    o.put("availabilityZones", a);
    JsonArray v = new JsonArray();
    vpcs.values().forEach(x -> v.add(new JsonObject().put("id", x.id).put("cidrs", new JsonArray(List.copyOf(x.cidrs)))));
    o.put("vpcs", v);
    JsonArray sn = new JsonArray();
    subnets.values().forEach(x -> sn.add(new JsonObject().put("id", x.id).put("vpcId", x.vpcId)
        .put("cidr", x.cidr).put("az", x.az)));
    o.put("subnets", sn);
    JsonArray rt = new JsonArray();
    for (RouteTable t : routeTables.values()) {
      JsonArray routes = new JsonArray();
      for (Route r : t.routes) {
        routes.add(new JsonObject().put("destination", r.destination)
            .put("networkInterfaceId", r.networkInterfaceId).put("gatewayId", r.gatewayId)
            .put("instanceId", r.instanceId));
      }
      rt.add(new JsonObject().put("id", t.id).put("vpcId", t.vpcId).put("routes", routes));
    }
    o.put("routeTables", rt);
    JsonArray in = new JsonArray();
    instances.values().forEach(x -> in.add(new JsonObject().put("id", x.id).put("az", x.az).put("state", x.state)));
    o.put("instances", in);
    JsonArray en = new JsonArray();
    enis.values().forEach(x -> en.add(new JsonObject().put("id", x.id).put("subnetId", x.subnetId)
        .put("vpcId", x.vpcId).put("az", x.az).put("privateIp", x.privateIp).put("instanceId", x.instanceId)));
    o.put("networkInterfaces", en);
    JsonArray ad = new JsonArray();
    addresses.values().forEach(x -> ad.add(new JsonObject().put("allocationId", x.allocationId)
        .put("publicIp", x.publicIp).put("associationId", x.associationId)
        .put("networkInterfaceId", x.networkInterfaceId).put("privateIp", x.privateIp)));
    o.put("addresses", ad);
    o.put("hostedZones", zonesJson());
    return o;
  }

  private JsonArray zonesJson() {
    JsonArray hz = new JsonArray();
    for (HostedZone z : zones.values()) {
      JsonArray recs = new JsonArray();
      for (RecordSet r : z.records.values()) {
        recs.add(new JsonObject().put("name", r.name).put("type", r.type).put("ttl", r.ttl)
            .put("values", new JsonArray(List.copyOf(r.values))));
      }
      hz.add(new JsonObject().put("id", z.id).put("name", z.name).put("private", z.privateZone)
          .put("records", recs));
    }
    return hz;
  }

  /** The zone whose name is the longest suffix of {@code fqdn}, or null. */
  synchronized HostedZone zoneFor(String fqdn) {
    String n = normalizeName(fqdn);
    HostedZone best = null;
    for (HostedZone z : zones.values()) {
      String zn = normalizeName(z.name);
      if ((n.equals(zn) || n.endsWith("." + zn)) && (best == null || zn.length() > best.name.length())) {
        best = z;
      }
    }
    return best;
  }

  /** Consistency checks after loading: references point at known objects, CIDRs parse. */
  void check() {
    for (Vpc v : vpcs.values()) {
      v.cidrs.forEach(Ipv4.Cidr::parse);
    }
    for (Subnet sn : subnets.values()) {
      require(vpcs.containsKey(sn.vpcId), "subnets." + sn.id + ".vpcId: unknown VPC " + sn.vpcId);
    }
    for (RouteTable t : routeTables.values()) {
      require(vpcs.containsKey(t.vpcId), "routeTables." + t.id + ".vpcId: unknown VPC " + t.vpcId);
    }
    for (Eni e : enis.values()) {
      require(e.vpcId != null && vpcs.containsKey(e.vpcId),
          "networkInterfaces." + e.id + ": subnetId or vpcId must name a known subnet/VPC");
    }
    for (Address a : addresses.values()) {
      require(a.networkInterfaceId == null || enis.containsKey(a.networkInterfaceId),
          "addresses." + a.allocationId + ".networkInterfaceId: unknown ENI " + a.networkInterfaceId);
    }
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
