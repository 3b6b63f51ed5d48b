package io.zoneha.resources.aws.emulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.zoneha.resources.aws.emulator.Model.Address;
import io.zoneha.resources.aws.emulator.Model.Az;
import io.zoneha.resources.aws.emulator.Model.Eni;
import io.zoneha.resources.aws.emulator.Model.HostedZone;
import io.zoneha.resources.aws.emulator.Model.RecordSet;
import io.zoneha.resources.aws.emulator.Model.Route;
import io.zoneha.resources.aws.emulator.Model.RouteTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A wire-level emulator of the EC2 and Route 53 calls ZoneHA makes, for tests and the local demo.
 *
 * <p>One HTTP port serves three things: the EC2 Query API (form POST to {@code /} with
 * {@code Action=...}), the Route 53 REST-XML API (paths under {@code /2013-04-01/}) and a JSON
 * admin API under {@code /_admin/} (fault injection, "another actor" changes, the call log, the
 * state). Every AWS request must carry an {@code Authorization} header; its SigV4 signature is
 * not checked, its access key ID is recorded as the caller. A UDP listener on loopback answers
 * DNS A queries authoritatively for the hosted zones' records.
 *
 * <h2>State file (YAML)</h2>
 * <pre>
 * region: us-east-1                  # default us-east-1
 * accountId: "123456789012"          # default 123456789012
 * changeInsyncDelayMs: 200           # Route 53 changes stay PENDING this long; default 200
 * availabilityZones:
 *   - {name: us-east-1a, zoneId: use1-az1, state: available}   # available|information|impaired|unavailable|constrained
 * vpcs:
 *   - {id: vpc-1234abcd, cidrs: [10.0.0.0/16]}                  # each route table gets a local route per CIDR
 * subnets:
 *   - {id: subnet-a, vpcId: vpc-1234abcd, cidr: 10.0.1.0/24, az: us-east-1a}
 * routeTables:
 *   - id: rtb-11111111
 *     vpcId: vpc-1234abcd
 *     routes:                                                     # target: networkInterfaceId | gatewayId | instanceId
 *       - {destination: 10.1.0.20/32, networkInterfaceId: eni-aaaa}
 *       - {destination: 0.0.0.0/0, gatewayId: igw-1}
 * instances:
 *   - {id: i-aaaa, az: us-east-1a, state: running}
 * networkInterfaces:
 *   - {id: eni-aaaa, subnetId: subnet-a, privateIp: 10.0.1.10, instanceId: i-aaaa}   # or vpcId + az without subnet
 * addresses:
 *   - {allocationId: eipalloc-1, publicIp: 203.0.113.10, networkInterfaceId: eni-aaaa}  # association optional
 * hostedZones:
 *   - id: Z0EXAMPLE
 *     name: example.internal.
 *     private: true
 *     records:
 *       - {name: app.example.internal., type: A, ttl: 300, values: [10.0.1.10]}
 * </pre>
 *
 * <p>The admin paths ({@code /_admin/state}, {@code calls}, {@code faults}, {@code ratelimit},
 * {@code az}, {@code route}, {@code eip}, {@code record}, {@code route53}, {@code seed}) are listed
 * with their bodies in docs/aws-emulator.md; each has a Java method here as well.
 *
 * <p>Start it from code with {@code new AwsEmulator(vertx, yaml).start(0)} (0 = an ephemeral
 * loopback port; the future gives the port), or from the command line through
 * {@link AwsEmulatorMain#run(String[])}.
 */
public final class AwsEmulator {
  /** The AZ states DescribeAvailabilityZones can report. */
  public static final Set<String> AZ_STATES =
      Set.of("available", "information", "impaired", "unavailable", "constrained");
  /** The caller recorded for changes made through the admin API. */
  public static final String ANOTHER_ACTOR = "another-actor";

  private final Vertx vertx;
  final EmulatorState state;
  final Faults faults = new Faults();
  final CallLog calls = new CallLog();
  private final String host;
  private HttpServer server;
  private DatagramSocket dns;

  public AwsEmulator(Vertx vertx, String stateYaml) {
    this(vertx, stateYaml, "127.0.0.1");
  }

  public AwsEmulator(Vertx vertx, String stateYaml, String host) {
    this.vertx = vertx;
    this.state = EmulatorState.fromYaml(stateYaml);
    this.host = host;
  }

  public static AwsEmulator fromFile(Vertx vertx, Path stateFile) throws IOException {
    return new AwsEmulator(vertx, Files.readString(stateFile));
  }

  /** Starts HTTP on {@code port} and DNS on an ephemeral UDP port; gives the bound HTTP port. */
  public Future<Integer> start(int port) {
    return start(port, 0);
  }

  public Future<Integer> start(int port, int dnsPort) {
    EmulatorHttp http = new EmulatorHttp(vertx, this);
    return vertx.createHttpServer().requestHandler(http::handle).listen(port, host)
        .compose(s -> {
          server = s;
          return DnsListener.start(vertx, state, host, dnsPort);
        })
        .map(d -> {
          dns = d;
          return server.actualPort();
        });
  }

  public int port() {
    return server.actualPort();
  }

  public int dnsPort() {
    return dns.localAddress().port();
  }

  /** {@code http://host:port}, for AwsConfig's ec2Endpoint and route53Endpoint. */
  public String endpoint() {
    return "http://" + host + ":" + port();
  }

  public Future<Void> close() {
    Future<Void> a = server == null ? Future.succeededFuture() : server.close();
    Future<Void> b = dns == null ? Future.succeededFuture() : dns.close();
    return Future.all(a, b).mapEmpty();
  }

  public CallLog calls() {
    return calls;
  }

  public void addFault(FaultRule rule) {
    faults.add(rule);
  }

  /** Removes every fault rule and rate limit. */
  public void clearFaults() {
    faults.clear();
  }

  /** At most {@code n} Route 53 (or EC2) calls per second; more get the throttling error. */
  public void rateLimit(boolean route53, int perSecond) {
    faults.rateLimit(route53 ? AwsError.Service.ROUTE53 : AwsError.Service.EC2, perSecond);
  }

  public void setChangeInsyncDelayMs(long ms) {
    state.changeInsyncDelayMs = ms;
  }

  public JsonObject stateJson() {
    return state.toJson();
  }

  public void setAzState(String zone, String azState, List<String> messages) {
    if (!AZ_STATES.contains(azState)) {
      throw new IllegalArgumentException("state: one of " + AZ_STATES + ", not '" + azState + "'");
    }
    synchronized (state) {
      Az z = Optional.ofNullable(state.azs.get(zone))
          .orElseThrow(() -> new IllegalArgumentException("zone: unknown availability zone " + zone));
      z.state = azState;
      z.messages.clear();
      z.messages.addAll(messages);
    }
    logActor("SetAvailabilityZoneState", Map.of("zone", zone, "state", azState));
  }

  /** Another actor points {@code destination} in a route table at {@code eniId}. */
  public void actorSetRoute(String routeTableId, String destination, String eniId) {
    synchronized (state) {
      RouteTable t = Optional.ofNullable(state.routeTables.get(routeTableId))
          .orElseThrow(() -> new IllegalArgumentException("routeTableId: unknown " + routeTableId));
      Route r = t.route(destination);
      if (r == null) {
        r = new Route();
        r.destination = destination;
        t.routes.add(r);
      }
      r.networkInterfaceId = eniId;
      r.gatewayId = null;
      r.instanceId = null;
    }
    logActor("ReplaceRoute", Map.of("RouteTableId", routeTableId, "DestinationCidrBlock", destination,
        "NetworkInterfaceId", eniId));
  }

  /** Another actor deletes the route for {@code destination} from a route table. */
  public void actorDeleteRoute(String routeTableId, String destination) {
    synchronized (state) {
      RouteTable t = Optional.ofNullable(state.routeTables.get(routeTableId))
          .orElseThrow(() -> new IllegalArgumentException("routeTableId: unknown " + routeTableId));
      Route r = Optional.ofNullable(t.route(destination))
          .orElseThrow(() -> new IllegalArgumentException("destination: no route " + destination));
      t.routes.remove(r);
    }
    logActor("DeleteRoute", Map.of("RouteTableId", routeTableId, "DestinationCidrBlock", destination));
  }

  /** Another actor associates the EIP with {@code eniId}, or disassociates it when null. */
  public void actorMoveEip(String allocationId, String eniId) {
    synchronized (state) {
      Address a = Optional.ofNullable(state.addresses.get(allocationId))
          .orElseThrow(() -> new IllegalArgumentException("allocationId: unknown " + allocationId));
      Eni e = eniId == null ? null : Optional.ofNullable(state.enis.get(eniId))
          .orElseThrow(() -> new IllegalArgumentException("networkInterfaceId: unknown " + eniId));
      a.networkInterfaceId = e == null ? null : e.id;
      a.privateIp = e == null ? null : e.privateIp;
      a.associationId = e == null ? null : state.newId("eipassoc-");
    }
    logActor(eniId == null ? "DisassociateAddress" : "AssociateAddress",
        eniId == null ? Map.of("AllocationId", allocationId)
            : Map.of("AllocationId", allocationId, "NetworkInterfaceId", eniId));
  }

  /** Another actor sets an A record (values non-empty) or deletes it (values empty). */
  public void actorSetRecord(String hostedZoneId, String name, long ttl, List<String> values) {
    synchronized (state) {
      HostedZone z = Optional.ofNullable(state.zones.get(Route53Api.stripIdPrefix(hostedZoneId)))
          .orElseThrow(() -> new IllegalArgumentException("hostedZoneId: unknown " + hostedZoneId));
      String key = EmulatorState.recordKey(name, "A");
      if (values.isEmpty()) {
        z.records.remove(key);
      } else {
        RecordSet r = new RecordSet();
        r.name = EmulatorState.normalizeName(name);
        r.type = "A";
        r.ttl = ttl;
        r.values.addAll(values);
        z.records.put(key, r);
      }
    }
    logActor("ChangeResourceRecordSets", Map.of("HostedZoneId", hostedZoneId, "Name", name,
        "Action", values.isEmpty() ? "DELETE" : "UPSERT", "Values", String.join(",", values)));
  }

  /** The target (ENI, gateway or instance ID) of a route, or empty. */
  public Optional<String> routeTarget(String routeTableId, String destination) {
    synchronized (state) {
      RouteTable t = state.routeTables.get(routeTableId);
      Route r = t == null ? null : t.route(destination);
      return Optional.ofNullable(r == null ? null : r.target());
    }
  }

  /** The ENI an EIP allocation is associated with, or empty. */
  public Optional<String> eipNetworkInterface(String allocationId) {
    synchronized (state) {
      Address a = state.addresses.get(allocationId);
      return Optional.ofNullable(a == null ? null : a.networkInterfaceId);
    }
  }

  /** The values of an A record, empty when there is no such record. */
  public List<String> recordValues(String hostedZoneId, String name) {
    synchronized (state) {
      HostedZone z = state.zones.get(Route53Api.stripIdPrefix(hostedZoneId));
      RecordSet r = z == null ? null : z.records.get(EmulatorState.recordKey(name, "A"));
      return r == null ? List.of() : List.copyOf(r.values);
    }
  }

  private void logActor(String action, Map<String, String> params) {
    calls.add("admin", action, ANOTHER_ACTOR, params, true, 200, null);
  }
}
