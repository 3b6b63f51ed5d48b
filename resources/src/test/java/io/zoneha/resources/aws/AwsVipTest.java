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
import io.zoneha.resources.aws.emulator.CallLog;
import io.zoneha.resources.aws.emulator.FaultRule;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** awsvip against the emulator: success, per-server ENIs, and every failure path. */
class AwsVipTest extends EmulatorTestBase {

  static ResourceConfig vip(Map<String, Object> overrides) {
    Map<String, Object> p = new HashMap<>(Map.of("vip", "10.1.0.20", "vpcId", "vpc-1234abcd"));
    p.putAll(overrides);
    return TestCluster.resource("awsvip1", "awsvip", p,
        Map.of("node1", Map.of("eniId", "eni-aaaa"), "node2", Map.of("eniId", "eni-bbbb")));
  }

  ResourceDriver driver(ResourceConfig r, String server, Duration timeout, int retries) {
    AwsConfig aws = TestCluster.aws(emu, timeout, retries);
    ClusterConfig c = TestCluster.cluster(aws, List.of(r), List.of());
    NodeServices s = TestCluster.services(vertx, aws, "AKIA" + server.toUpperCase());
    services.add(s);
    return new AwsVipType().create(TestCluster.context(vertx, c, server, r, s));
  }

  ResourceDriver driver(ResourceConfig r, String server) {
    return driver(r, server, Duration.ofSeconds(5), 2);
  }

  static ActionFailure failure(io.vertx.core.Future<?> f) {
    Exception e = assertThrows(Exception.class, f::await);
    assertTrue(e instanceof ActionFailure, () -> "not an ActionFailure: " + e);
    return (ActionFailure) e;
  }

  long replaceRoutes() {
    return emu.calls().entries(0, false).stream().filter(c -> c.action().equals("ReplaceRoute")).count();
  }

  @Test
  void activationRoutesEveryVipTableToThisServersEni() {
    ResourceDriver d1 = driver(vip(Map.of()), "node1");
    d1.activate(WHY).await();
    assertEquals("eni-aaaa", emu.routeTarget("rtb-aaaa", "10.1.0.20/32").orElseThrow());
    assertEquals("eni-aaaa", emu.routeTarget("rtb-bbbb", "10.1.0.20/32").orElseThrow());
    assertTrue(emu.routeTarget("rtb-cccc", "10.1.0.20/32").isEmpty());
    List<CallLog.Entry> calls = emu.calls().entries(0, false);
    assertEquals(2, calls.size());
    assertTrue(calls.stream().allMatch(c -> c.caller().equals("AKIANODE1")));
    assertTrue(services.get(0).get(LocalAddresses.class, () -> null).has("eth0", "10.1.0.20").await());
    d1.activate(WHY).await();
    assertEquals(2, replaceRoutes(), "a second activation changes nothing");

    ResourceDriver d2 = driver(vip(Map.of()), "node2");
    d1.deactivate(WHY).await();
    assertTrue(!services.get(0).get(LocalAddresses.class, () -> null).has("eth0", "10.1.0.20").await());
    d2.activate(WHY).await();
    assertEquals("eni-bbbb", emu.routeTarget("rtb-aaaa", "10.1.0.20/32").orElseThrow());
    assertEquals("eni-bbbb", emu.routeTarget("rtb-bbbb", "10.1.0.20/32").orElseThrow());
  }

  @Test
  void vipInsideVpcCidrIsRefusedWithoutTouchingRoutes() {
    ActionFailure f = failure(driver(vip(Map.of("vip", "10.0.3.3")), "node1").activate(WHY));
    assertEquals(53, f.code());
    assertEquals(Scope.GIVE_UP, f.scope());
    assertTrue(f.getMessage().contains("10.0.0.0/16"), f.getMessage());
    assertEquals(0, replaceRoutes());
  }

  @Test
  void unknownVpcIsError50() {
    ActionFailure f = failure(driver(vip(Map.of("vpcId", "vpc-0000dead")), "node1").activate(WHY));
    assertEquals(50, f.code());
    assertEquals(Scope.GIVE_UP, f.scope());
    assertTrue(f.getMessage().contains("InvalidVpcID.NotFound"), f.getMessage());
  }

  @Test
  void unknownEniIsError50AndMayFailOver() {
    ResourceConfig r = TestCluster.resource("awsvip1", "awsvip",
        Map.of("vip", "10.1.0.20", "vpcId", "vpc-1234abcd"), Map.of("node1", Map.of("eniId", "eni-0dead")));
    ActionFailure f = failure(driver(r, "node1").activate(WHY));
    assertEquals(50, f.code());
    assertEquals(Scope.FAIL_OVER, f.scope());
    assertTrue(f.getMessage().contains("eni-0dead"), f.getMessage());
  }

  @Test
  void noRouteForTheVipIsError50() {
    ActionFailure f = failure(driver(vip(Map.of("vip", "10.9.9.9")), "node1").activate(WHY));
    assertEquals(50, f.code());
    assertTrue(f.getMessage().contains("10.9.9.9/32"), f.getMessage());
  }

  @Test
  void notAuthorizedIsError50() {
    emu.addFault(FaultRule.error("ReplaceRoute", "UnauthorizedOperation"));
    ActionFailure f = failure(driver(vip(Map.of()), "node1").activate(WHY));
    assertEquals(50, f.code());
    assertEquals(Scope.FAIL_OVER, f.scope());
    assertTrue(f.getMessage().contains("UnauthorizedOperation"), f.getMessage());
  }

  @Test
  void awsTimeoutIsError1() {
    emu.addFault(FaultRule.latency("DescribeVpcs", 2000));
    ActionFailure f = failure(driver(vip(Map.of()), "node1", Duration.ofMillis(400), 0).activate(WHY));
    assertEquals(1, f.code());
    assertEquals(Scope.RETRY_HERE, f.scope());
  }

  @Test
  void shortThrottlingIsRetriedAway() {
    emu.addFault(FaultRule.error("ReplaceRoute", "Throttle", 2));
    driver(vip(Map.of()), "node1", Duration.ofSeconds(5), 3).activate(WHY).await();
    assertEquals("eni-aaaa", emu.routeTarget("rtb-aaaa", "10.1.0.20/32").orElseThrow());
  }

  @Test
  void throttlingStormFailsAfterTheConfiguredRetries() {
    emu.addFault(FaultRule.error("DescribeVpcs", "Throttle"));
    ActionFailure f = failure(driver(vip(Map.of()), "node1", Duration.ofSeconds(5), 3).activate(WHY));
    assertEquals(50, f.code());
    assertEquals(Scope.RETRY_HERE, f.scope());
    long attempts = emu.calls().entries(0, true).stream().filter(c -> c.action().equals("DescribeVpcs")).count();
    assertEquals(4, attempts, "one call plus maxRetries=3 retries");
  }

  @Test
  void serverErrorsAreRetriedButWrongIdsAreNot() {
    emu.addFault(FaultRule.error("DescribeVpcs", "InternalError", 1));
    driver(vip(Map.of()), "node1", Duration.ofSeconds(5), 2).activate(WHY).await();
    failure(driver(vip(Map.of("vpcId", "vpc-0000dead")), "node1", Duration.ofSeconds(5), 3).activate(WHY));
    long lookups = emu.calls().entries(0, true).stream()
        .filter(c -> "vpc-0000dead".equals(c.params().get("VpcId.1"))).count();
    assertEquals(1, lookups, "a 400 error is not retried");
  }

  @Test
  void validationNamesTheField() {
    List<FieldProblem> p = new AwsVipType().validate(Params.of(Map.of("vip", "10.1.0", "vpcId", "vpc-1",
        "eniId", "eni_x", "addLocalAddress", "maybe"), "awsvip1"));
    List<String> fields = p.stream().map(FieldProblem::field).sorted().toList();
    assertEquals(List.of("addLocalAddress", "eniId", "vip"), fields);
    assertTrue(new AwsVipType().validate(vip(Map.of()).paramsFor("node2")).isEmpty());
    assertEquals("vpcId", new AwsVipType().validate(Params.of(Map.of("vip", "10.1.0.20", "eniId", "eni-1"),
        "awsvip1")).get(0).field());
  }

  @Test
  void addsItsMonitor() {
    var m = new AwsVipType().autoMonitors(vip(Map.of())).get(0);
    assertEquals("awsvipw-awsvip1", m.name());
    assertEquals("awsvipw", m.type());
    assertEquals("awsvip1", m.params().get("resource"));
    assertEquals("awsvip1", m.target());
  }
}
