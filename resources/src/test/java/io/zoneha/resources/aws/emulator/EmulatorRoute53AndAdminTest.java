package io.zoneha.resources.aws.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.RRType;

/** Route 53, the admin API, fault injection and the DNS listener, with real clients. */
@ExtendWith(VertxExtension.class)
class EmulatorRoute53AndAdminTest {
  static Vertx vertx;
  static AwsEmulator emu;
  static Route53AsyncClient r53;
  static Ec2AsyncClient ec2;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    emu = EmulatorFixture.start(v);
    r53 = EmulatorFixture.route53(emu, "AKIATESTNODE2");
    ec2 = EmulatorFixture.ec2(emu, "AKIATESTNODE2");
  }

  @AfterAll
  static void stop() {
    r53.close();
    ec2.close();
    emu.close().await();
  }

  @AfterEach
  void clearFaults() {
    emu.clearFaults();
  }

  static AwsServiceException failure(Runnable call) {
    CompletionException e = assertThrows(CompletionException.class, call::run);
    return (AwsServiceException) e.getCause();
  }

  private static software.amazon.awssdk.services.route53.model.Change change(ChangeAction a,
      String name, String ip, long ttl) {
    return software.amazon.awssdk.services.route53.model.Change.builder().action(a)
        .resourceRecordSet(rs -> rs.name(name).type(RRType.A).ttl(ttl).resourceRecords(rr -> rr.value(ip)))
        .build();
  }

  @Test
  void hostedZoneLookupAndUnknownZone() {
    var zone = r53.getHostedZone(b -> b.id("Z0EXAMPLE")).join().hostedZone();
    assertEquals("example.internal.", zone.name());
    assertTrue(zone.config().privateZone());
    AwsServiceException e = failure(() -> r53.getHostedZone(b -> b.id("ZNOPE")).join());
    assertEquals("NoSuchHostedZone", e.awsErrorDetails().errorCode());
    assertEquals(404, e.statusCode());
  }

  @Test
  void upsertGoesInsyncAndIsListed() throws Exception {
    var info = r53.changeResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE").changeBatch(cb -> cb
        .changes(change(ChangeAction.UPSERT, "app.example.internal.", "10.0.1.10", 30)))).join().changeInfo();
    assertEquals(ChangeStatus.PENDING, info.status());
    ChangeStatus st = info.status();
    long deadline = System.currentTimeMillis() + 5000;
    while (st != ChangeStatus.INSYNC && System.currentTimeMillis() < deadline) {
      st = r53.getChange(b -> b.id(info.id())).join().changeInfo().status();
    }
    assertEquals(ChangeStatus.INSYNC, st);
    var sets = r53.listResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE")
        .startRecordName("app.example.internal.").startRecordType(RRType.A).maxItems("1")).join();
    assertEquals("app.example.internal.", sets.resourceRecordSets().get(0).name());
    assertEquals("10.0.1.10", sets.resourceRecordSets().get(0).resourceRecords().get(0).value());
    assertTrue(sets.isTruncated());
    assertEquals("AKIATESTNODE2", emu.calls().entries(0, false).stream()
        .filter(c -> c.service().equals("route53") && c.action().equals("ChangeResourceRecordSets")).findFirst().orElseThrow().caller());
  }

  @Test
  void invalidChangeBatches() {
    AwsServiceException e = failure(() -> r53.changeResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE")
        .changeBatch(cb -> cb.changes(change(ChangeAction.CREATE, "db.example.internal.", "10.0.2.10", 60)))).join());
    assertEquals("InvalidChangeBatch", e.awsErrorDetails().errorCode());
    e = failure(() -> r53.changeResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE")
        .changeBatch(cb -> cb.changes(change(ChangeAction.DELETE, "gone.example.internal.", "10.0.2.10", 60)))).join());
    assertEquals("InvalidChangeBatch", e.awsErrorDetails().errorCode());
    e = failure(() -> r53.changeResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE")
        .changeBatch(cb -> cb.changes(change(ChangeAction.UPSERT, "x.other.test.", "10.0.2.10", 60)))).join());
    assertEquals("InvalidChangeBatch", e.awsErrorDetails().errorCode());
  }

  @Test
  void createThenDeleteRecord() {
    r53.changeResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE").changeBatch(cb -> cb
        .changes(change(ChangeAction.CREATE, "tmp.example.internal.", "10.0.9.9", 60)))).join();
    assertEquals(List.of("10.0.9.9"), emu.recordValues("Z0EXAMPLE", "tmp.example.internal."));
    r53.changeResourceRecordSets(b -> b.hostedZoneId("Z0EXAMPLE").changeBatch(cb -> cb
        .changes(change(ChangeAction.DELETE, "tmp.example.internal.", "10.0.9.9", 60)))).join();
    assertEquals(List.of(), emu.recordValues("Z0EXAMPLE", "tmp.example.internal."));
  }

  private static JsonObject admin(HttpMethod m, String path, JsonObject body) {
    return AdminClient.admin(emu, m.name(), path, body);
  }

  @Test
  void adminInjectsForcedErrorsAndThrottling() {
    JsonObject r = admin(HttpMethod.POST, "faults", new JsonObject().put("action", "ReplaceRoute")
        .put("errorCode", "UnauthorizedOperation").put("count", 1));
    assertEquals(200, r.getInteger("status"));
    AwsServiceException e = failure(() -> ec2.replaceRoute(b -> b.routeTableId("rtb-aaaa")
        .destinationCidrBlock("10.1.0.20/32").networkInterfaceId("eni-bbbb")).join());
    assertEquals("UnauthorizedOperation", e.awsErrorDetails().errorCode());
    ec2.replaceRoute(b -> b.routeTableId("rtb-aaaa").destinationCidrBlock("10.1.0.20/32")
        .networkInterfaceId("eni-bbbb")).join();
    admin(HttpMethod.POST, "faults", new JsonObject().put("action", "*").put("errorCode", "Throttle"));
    e = failure(() -> ec2.describeVpcs().join());
    assertEquals("RequestLimitExceeded", e.awsErrorDetails().errorCode());
    assertTrue(e.isThrottlingException());
    e = failure(() -> r53.getHostedZone(b -> b.id("Z0EXAMPLE")).join());
    assertEquals("Throttling", e.awsErrorDetails().errorCode());
    assertTrue(e.isThrottlingException());
    admin(HttpMethod.DELETE, "faults", null);
    admin(HttpMethod.POST, "faults", new JsonObject().put("action", "DescribeVpcs").put("errorCode", "InternalError"));
    assertEquals(500, failure(() -> ec2.describeVpcs().join()).statusCode());
  }

  @Test
  void adminRejectsBadInputNamingTheField() {
    JsonObject r = admin(HttpMethod.POST, "az", new JsonObject().put("zone", "us-east-1a").put("state", "sleepy"));
    assertEquals(400, r.getInteger("status"));
    assertTrue(r.getString("body").contains("state"), r.getString("body"));
  }

  @Test
  void adminActorsChangeStateAndShowInLog() {
    admin(HttpMethod.POST, "route", new JsonObject().put("routeTableId", "rtb-bbbb")
        .put("destination", "10.1.0.20/32").put("networkInterfaceId", "eni-aaaa"));
    assertEquals("eni-aaaa", emu.routeTarget("rtb-bbbb", "10.1.0.20/32").orElseThrow());
    admin(HttpMethod.POST, "eip", new JsonObject().put("allocationId", "eipalloc-1111")
        .put("networkInterfaceId", "eni-bbbb"));
    assertEquals("eni-bbbb", emu.eipNetworkInterface("eipalloc-1111").orElseThrow());
    admin(HttpMethod.POST, "record", new JsonObject().put("hostedZoneId", "Z0EXAMPLE")
        .put("name", "actor.example.internal.").put("values", new JsonArray().add("10.0.7.7")));
    assertEquals(List.of("10.0.7.7"), emu.recordValues("Z0EXAMPLE", "actor.example.internal."));
    JsonArray calls = new JsonArray(admin(HttpMethod.GET, "calls", null).getString("body"));
    assertTrue(calls.stream().map(JsonObject.class::cast)
        .anyMatch(c -> c.getString("caller").equals(AwsEmulator.ANOTHER_ACTOR)
            && c.getString("action").equals("ReplaceRoute")));
    JsonObject state = new JsonObject(admin(HttpMethod.GET, "state", null).getString("body"));
    assertEquals(3, state.getJsonArray("routeTables").size());
  }

  @Test
  void rejectsUnsignedRequests() {
    JsonObject resp = AdminClient.call(emu, "POST", "/", "application/x-www-form-urlencoded",
        "Action=DescribeVpcs&Version=2016-11-15");
    assertEquals(401, resp.getInteger("status"));
    assertTrue(resp.getString("body").contains("AuthFailure"));
  }

  @Test
  void dnsListenerAnswersForHostedZones() {
    DnsClient dns = vertx.createDnsClient(new DnsClientOptions().setHost("127.0.0.1")
        .setPort(emu.dnsPort()).setQueryTimeout(2000));
    assertEquals("10.0.2.10", dns.lookup4("db.example.internal").await());
    assertThrows(Exception.class, () -> dns.lookup4("missing.example.internal").await());
    emu.actorSetRecord("Z0EXAMPLE", "moved.example.internal.", 60, List.of("10.0.1.10"));
    assertEquals("10.0.1.10", dns.lookup4("moved.example.internal").await());
  }

  @Test
  void latencyIsAdded() {
    emu.addFault(FaultRule.latency("DescribeAvailabilityZones", 300));
    long t0 = System.nanoTime();
    ec2.describeAvailabilityZones().join();
    assertTrue((System.nanoTime() - t0) / 1_000_000 >= 300);
  }
}
