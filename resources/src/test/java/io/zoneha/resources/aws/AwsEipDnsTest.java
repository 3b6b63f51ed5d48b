package io.zoneha.resources.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.config.AwsConfig;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.ActionFailure.Scope;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.NodeServices;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.engine.spi.ResourceType;
import io.zoneha.resources.aws.emulator.FaultRule;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** awseip and awsdns against the emulator. */
class AwsEipDnsTest extends EmulatorTestBase {

  ResourceDriver driver(ResourceType type, ResourceConfig r, String server, Duration timeout) {
    AwsConfig aws = TestCluster.aws(emu, timeout, 1);
    ClusterConfig c = TestCluster.cluster(aws, List.of(r), List.of());
    NodeServices s = TestCluster.services(vertx, aws, "AKIA" + server.toUpperCase());
    services.add(s);
    return type.create(TestCluster.context(vertx, c, server, r, s));
  }

  static ActionFailure failure(io.vertx.core.Future<?> f) {
    Exception e = assertThrows(Exception.class, f::await);
    assertTrue(e instanceof ActionFailure, () -> "not an ActionFailure: " + e);
    return (ActionFailure) e;
  }

  static ResourceConfig eip(String allocationId) {
    return TestCluster.resource("awseip1", "awseip", Map.of("allocationId", allocationId),
        Map.of("node1", Map.of("eniId", "eni-aaaa"), "node2", Map.of("eniId", "eni-bbbb")));
  }

  static ResourceConfig dns(Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>(Map.of("hostedZoneId", "Z0EXAMPLE",
        "recordName", "app.example.internal.", "ttl", 30));
    p.putAll(extra);
    return TestCluster.resource("awsdns1", "awsdns", p,
        Map.of("node1", Map.of("ip", "10.0.1.10"), "node2", Map.of("ip", "10.0.2.10")));
  }

  @Test
  void eipFollowsTheActiveServer() {
    ResourceDriver d2 = driver(new AwsEipType(), eip("eipalloc-2222"), "node2", Duration.ofSeconds(5));
    ResourceDriver d1 = driver(new AwsEipType(), eip("eipalloc-2222"), "node1", Duration.ofSeconds(5));
    d1.activate(WHY).await();
    assertEquals("eni-aaaa", emu.eipNetworkInterface("eipalloc-2222").orElseThrow());
    d2.deactivate(WHY).await();
    assertEquals("eni-aaaa", emu.eipNetworkInterface("eipalloc-2222").orElseThrow(),
        "node2 must not release an EIP it does not hold");
    d1.deactivate(WHY).await();
    assertTrue(emu.eipNetworkInterface("eipalloc-2222").isEmpty());
    d2.activate(WHY).await();
    assertEquals("eni-bbbb", emu.eipNetworkInterface("eipalloc-2222").orElseThrow());
  }

  @Test
  void eipErrors() {
    ActionFailure f = failure(driver(new AwsEipType(), eip("eipalloc-0dead"), "node1", Duration.ofSeconds(5))
        .activate(WHY));
    assertEquals(5, f.code());
    assertEquals(Scope.GIVE_UP, f.scope());
    assertTrue(f.getMessage().contains("eipalloc-0dead"), f.getMessage());
    ResourceConfig badEni = TestCluster.resource("awseip1", "awseip", Map.of("allocationId", "eipalloc-1111"),
        Map.of("node1", Map.of("eniId", "eni-0dead")));
    f = failure(driver(new AwsEipType(), badEni, "node1", Duration.ofSeconds(5)).activate(WHY));
    assertEquals(5, f.code());
    assertEquals(Scope.FAIL_OVER, f.scope());
    emu.addFault(FaultRule.latency("AssociateAddress", 2000));
    f = failure(driver(new AwsEipType(), eip("eipalloc-1111"), "node1", Duration.ofMillis(400)).activate(WHY));
    assertEquals(6, f.code());
  }

  @Test
  void dnsUpsertWaitsForInsyncAndDeletesOnDeactivation() {
    ResourceDriver d1 = driver(new AwsDnsType(), dns(Map.of()), "node1", Duration.ofSeconds(5));
    d1.activate(WHY).await();
    assertEquals(List.of("10.0.1.10"), emu.recordValues("Z0EXAMPLE", "app.example.internal."));
    assertTrue(emu.calls().entries(0, true).stream().anyMatch(c -> c.action().equals("GetChange")));
    ResourceDriver d2 = driver(new AwsDnsType(), dns(Map.of()), "node2", Duration.ofSeconds(5));
    d2.activate(WHY).await();
    assertEquals(List.of("10.0.2.10"), emu.recordValues("Z0EXAMPLE", "app.example.internal."));
    d1.deactivate(WHY).await();
    assertEquals(List.of("10.0.2.10"), emu.recordValues("Z0EXAMPLE", "app.example.internal."),
        "node1 must not delete the record that names node2");
    d2.deactivate(WHY).await();
    assertEquals(List.of(), emu.recordValues("Z0EXAMPLE", "app.example.internal."));
    d2.deactivate(WHY).await();
  }

  @Test
  void dnsKeepsRecordWhenAsked() {
    ResourceDriver d1 = driver(new AwsDnsType(), dns(Map.of("deleteRecordOnDeactivation", false)), "node1",
        Duration.ofSeconds(5));
    d1.activate(WHY).await();
    d1.deactivate(WHY).await();
    assertEquals(List.of("10.0.1.10"), emu.recordValues("Z0EXAMPLE", "app.example.internal."));
  }

  @Test
  void dnsErrors() {
    ActionFailure f = failure(driver(new AwsDnsType(), dns(Map.of("hostedZoneId", "ZNOPE")), "node1",
        Duration.ofSeconds(5)).activate(WHY));
    assertEquals(5, f.code());
    assertEquals(Scope.GIVE_UP, f.scope());
    assertTrue(f.getMessage().contains("NoSuchHostedZone"), f.getMessage());
    f = failure(driver(new AwsDnsType(), dns(Map.of("recordName", "app.elsewhere.test.")), "node1",
        Duration.ofSeconds(5)).activate(WHY));
    assertEquals(5, f.code());
    assertTrue(f.getMessage().contains("InvalidChangeBatch"), f.getMessage());
    emu.addFault(FaultRule.error("ChangeResourceRecordSets", "Throttle"));
    f = failure(driver(new AwsDnsType(), dns(Map.of()), "node1", Duration.ofSeconds(5)).activate(WHY));
    assertEquals(5, f.code());
    assertEquals(Scope.RETRY_HERE, f.scope());
    emu.clearFaults();
    emu.addFault(FaultRule.latency("ChangeResourceRecordSets", 2000));
    f = failure(driver(new AwsDnsType(), dns(Map.of()), "node1", Duration.ofMillis(400)).activate(WHY));
    assertEquals(6, f.code());
  }

  @Test
  void dnsWaitRunsOutAsTimeout() {
    emu.setChangeInsyncDelayMs(60_000);
    AwsConfig aws = TestCluster.aws(emu, Duration.ofSeconds(5), 1);
    NodeServices s = TestCluster.services(vertx, aws, "AKIANODE1");
    services.add(s);
    ResourceDriver d = new AwsDnsDriver(vertx, "awsdns1", DnsSettings.from(dns(Map.of()).paramsFor("node1")),
        s.get(AwsClients.class, () -> null), Duration.ofMillis(500));
    ActionFailure f = failure(d.activate(WHY));
    assertEquals(6, f.code());
    assertTrue(f.getMessage().contains("PENDING"), f.getMessage());
  }

  @Test
  void validationNamesTheFields() {
    List<FieldProblem> p = new AwsDnsType().validate(Params.of(Map.of("hostedZoneId", "Z1",
        "recordName", "App.Example.com.", "ip", "10.0.0.300", "ttl", 0), "awsdns1"));
    assertEquals(List.of("ip", "recordName", "ttl"), p.stream().map(FieldProblem::field).sorted().toList());
    assertTrue(p.stream().anyMatch(x -> x.message().contains("lower case")));
    assertEquals("recordName", new AwsDnsType().validate(Params.of(Map.of("hostedZoneId", "Z1",
        "recordName", "app.example.com", "ip", "10.0.0.3"), "awsdns1")).get(0).field());
    assertEquals(List.of("allocationId", "eniId"), new AwsEipType().validate(Params.of(Map.of(), "awseip1"))
        .stream().map(FieldProblem::field).toList());
    assertEquals("awseipw-awseip1", new AwsEipType().autoMonitors(eip("eipalloc-1111")).get(0).name());
    assertEquals("awsdnsw-awsdns1", new AwsDnsType().autoMonitors(dns(Map.of())).get(0).name());
  }
}
