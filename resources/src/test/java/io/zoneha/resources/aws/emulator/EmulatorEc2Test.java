package io.zoneha.resources.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.AvailabilityZoneState;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/** The EC2 half of the emulator, driven by the real SDK async client over HTTP. */
@ExtendWith(VertxExtension.class)
class EmulatorEc2Test {
  static AwsEmulator emu;
  static Ec2AsyncClient ec2;

  @BeforeAll
  static void start(Vertx vertx) {
    emu = EmulatorFixture.start(vertx);
    ec2 = EmulatorFixture.ec2(emu, "AKIATESTNODE1");
  }

  @AfterAll
  static void stop() {
    ec2.close();
    emu.close().await();
  }

  static String errorCode(Runnable call) {
    CompletionException e = assertThrows(CompletionException.class, call::run);
    return ((AwsServiceException) e.getCause()).awsErrorDetails().errorCode();
  }

  @Test
  void describesVpcsWithCidrsAndRejectsUnknownVpc() {
    var vpc = ec2.describeVpcs(b -> b.vpcIds("vpc-1234abcd")).join().vpcs().get(0);
    assertEquals("10.0.0.0/16", vpc.cidrBlock());
    assertEquals("10.0.0.0/16", vpc.cidrBlockAssociationSet().get(0).cidrBlock());
    assertEquals("InvalidVpcID.NotFound", errorCode(() -> ec2.describeVpcs(b -> b.vpcIds("vpc-nope")).join()));
  }

  @Test
  void filtersRouteTablesAndReplacesRoutes() {
    List<RouteTable> tables = ec2.describeRouteTables(b -> b.filters(
        Filter.builder().name("vpc-id").values("vpc-1234abcd").build(),
        Filter.builder().name("route.destination-cidr-block").values("10.1.0.99/32").build())).join()
        .routeTables();
    assertTrue(tables.isEmpty());
    ec2.createRoute(b -> b.routeTableId("rtb-cccc").destinationCidrBlock("10.1.0.99/32")
        .networkInterfaceId("eni-aaaa")).join();
    tables = ec2.describeRouteTables(b -> b.filters(
        Filter.builder().name("vpc-id").values("vpc-1234abcd").build(),
        Filter.builder().name("route.destination-cidr-block").values("10.1.0.99/32").build())).join()
        .routeTables();
    assertEquals(List.of("rtb-cccc"), tables.stream().map(RouteTable::routeTableId).toList());
    ec2.replaceRoute(b -> b.routeTableId("rtb-cccc").destinationCidrBlock("10.1.0.99/32")
        .networkInterfaceId("eni-bbbb")).join();
    assertEquals("eni-bbbb", emu.routeTarget("rtb-cccc", "10.1.0.99/32").orElseThrow());
    assertTrue(tables.get(0).routes().stream().anyMatch(r -> "local".equals(r.gatewayId())));
    assertEquals("RouteAlreadyExists", errorCode(() -> ec2.createRoute(b -> b.routeTableId("rtb-cccc")
        .destinationCidrBlock("10.1.0.99/32").networkInterfaceId("eni-aaaa")).join()));
    ec2.deleteRoute(b -> b.routeTableId("rtb-cccc").destinationCidrBlock("10.1.0.99/32")).join();
    assertTrue(emu.routeTarget("rtb-cccc", "10.1.0.99/32").isEmpty());
  }

  @Test
  void routeErrorsUseAwsCodes() {
    assertEquals("InvalidRouteTableID.NotFound", errorCode(() -> ec2.replaceRoute(b -> b
        .routeTableId("rtb-nope").destinationCidrBlock("10.1.0.20/32").networkInterfaceId("eni-aaaa")).join()));
    assertEquals("InvalidNetworkInterfaceID.NotFound", errorCode(() -> ec2.replaceRoute(b -> b
        .routeTableId("rtb-bbbb").destinationCidrBlock("10.1.0.20/32").networkInterfaceId("eni-nope")).join()));
    assertEquals("InvalidRoute.NotFound", errorCode(() -> ec2.replaceRoute(b -> b
        .routeTableId("rtb-cccc").destinationCidrBlock("10.9.9.9/32").networkInterfaceId("eni-aaaa")).join()));
    assertEquals("InvalidParameterValue", errorCode(() -> ec2.replaceRoute(b -> b
        .routeTableId("rtb-bbbb").destinationCidrBlock("10.1.0.20/32").networkInterfaceId("eni-cccc")).join()));
  }

  @Test
  void describesNetworkInterfaces() {
    NetworkInterface eni = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds("eni-aaaa")).join()
        .networkInterfaces().get(0);
    assertEquals("vpc-1234abcd", eni.vpcId());
    assertEquals("10.0.1.10", eni.privateIpAddress());
    assertEquals("i-aaaa", eni.attachment().instanceId());
    assertEquals("InvalidNetworkInterfaceID.NotFound",
        errorCode(() -> ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds("eni-nope")).join()));
  }

  @Test
  void associatesAndDisassociatesElasticIps() {
    assertEquals("Resource.AlreadyAssociated", errorCode(() -> ec2.associateAddress(b -> b
        .allocationId("eipalloc-2222").networkInterfaceId("eni-aaaa")).join()));
    String assoc = ec2.associateAddress(b -> b.allocationId("eipalloc-2222").networkInterfaceId("eni-aaaa")
        .allowReassociation(true)).join().associationId();
    Address a = ec2.describeAddresses(b -> b.allocationIds("eipalloc-2222")).join().addresses().get(0);
    assertEquals("eni-aaaa", a.networkInterfaceId());
    assertEquals(assoc, a.associationId());
    assertEquals("10.0.1.10", a.privateIpAddress());
    ec2.disassociateAddress(b -> b.associationId(assoc)).join();
    a = ec2.describeAddresses(b -> b.allocationIds("eipalloc-2222")).join().addresses().get(0);
    assertEquals(null, a.networkInterfaceId());
    assertEquals("InvalidAssociationID.NotFound",
        errorCode(() -> ec2.disassociateAddress(b -> b.associationId(assoc)).join()));
    assertEquals("InvalidAllocationID.NotFound", errorCode(() -> ec2.associateAddress(b -> b
        .allocationId("eipalloc-nope").networkInterfaceId("eni-aaaa")).join()));
  }

  @Test
  void reportsAvailabilityZoneStates() {
    emu.setAzState("us-east-1b", "impaired", List.of("power event"));
    try {
      var zones = ec2.describeAvailabilityZones(b -> b.zoneNames("us-east-1b")).join().availabilityZones();
      assertEquals(AvailabilityZoneState.IMPAIRED, zones.get(0).state());
      assertEquals("power event", zones.get(0).messages().get(0).message());
      assertEquals("InvalidParameterValue",
          errorCode(() -> ec2.describeAvailabilityZones(b -> b.zoneNames("us-east-1x")).join()));
    } finally {
      emu.setAzState("us-east-1b", "available", List.of());
    }
  }

  @Test
  void describesAndStopsInstances() {
    var inst = ec2.describeInstances(b -> b.instanceIds("i-aaaa")).join().reservations().get(0)
        .instances().get(0);
    assertEquals(InstanceStateName.RUNNING, inst.state().name());
    assertEquals("us-east-1a", inst.placement().availabilityZone());
    assertFalse(inst.networkInterfaces().isEmpty());
    assertEquals("InvalidInstanceID.NotFound",
        errorCode(() -> ec2.describeInstances(b -> b.instanceIds("i-nope")).join()));
  }

  @Test
  void stopInstancesChangesState() {
    var change = ec2.stopInstances(b -> b.instanceIds("i-bbbb")).join().stoppingInstances().get(0);
    assertEquals(InstanceStateName.STOPPING, change.currentState().name());
    assertEquals(InstanceStateName.RUNNING, change.previousState().name());
    var inst = ec2.describeInstances(b -> b.instanceIds("i-bbbb")).join().reservations().get(0)
        .instances().get(0);
    assertEquals(InstanceStateName.STOPPED, inst.state().name());
  }

  @Test
  void logsMutatingCallsWithTheCallersAccessKey() {
    long since = emu.calls().entries(0, true).stream().mapToLong(CallLog.Entry::seq).max().orElse(0);
    ec2.replaceRoute(b -> b.routeTableId("rtb-aaaa").destinationCidrBlock("10.1.0.20/32")
        .networkInterfaceId("eni-bbbb")).join();
    var entries = emu.calls().entries(since, false);
    assertEquals(1, entries.size());
    assertEquals("ReplaceRoute", entries.get(0).action());
    assertEquals("AKIATESTNODE1", entries.get(0).caller());
    assertEquals("rtb-aaaa", entries.get(0).params().get("RouteTableId"));
  }
}
