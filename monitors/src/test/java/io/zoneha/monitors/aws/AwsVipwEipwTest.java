package io.zoneha.monitors.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.engine.spi.MonitorResult.Status;
import io.zoneha.engine.spi.Reason;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.resources.aws.AwsEipType;
import io.zoneha.resources.aws.AwsVipType;
import io.zoneha.resources.aws.LocalAddresses;
import io.zoneha.resources.aws.TestCluster;
import io.zoneha.resources.aws.emulator.AwsEmulator;
import io.zoneha.resources.aws.emulator.EmulatorFixture;
import io.zoneha.resources.aws.emulator.FaultRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** awsvipw and awseipw against the emulator. */
@ExtendWith(VertxExtension.class)
class AwsVipwEipwTest {
  static Vertx vertx;
  static final Reason WHY = Reason.of("test");
  AwsEmulator emu;
  MonitorFixture node;

  static final ResourceConfig VIP = TestCluster.resource("awsvip1", "awsvip",
      Map.of("vip", "10.1.0.20", "vpcId", "vpc-1234abcd"),
      Map.of("node1", Map.of("eniId", "eni-aaaa"), "node2", Map.of("eniId", "eni-bbbb")));
  static final ResourceConfig EIP = TestCluster.resource("awseip1", "awseip",
      Map.of("allocationId", "eipalloc-1111"),
      Map.of("node1", Map.of("eniId", "eni-aaaa"), "node2", Map.of("eniId", "eni-bbbb")));

  @BeforeAll
  static void init(Vertx v) {
    vertx = v;
  }

  @BeforeEach
  void start() {
    emu = EmulatorFixture.start(vertx);
    node = new MonitorFixture(vertx, emu, Duration.ofMillis(3000), List.of(VIP, EIP), List.of());
  }

  @AfterEach
  void stop() {
    node.close();
    emu.close().await();
  }

  MonitorDriver vipw(String server, Map<String, Object> extra) {
    MonitorConfig auto = new AwsVipType().autoMonitors(VIP).get(0);
    Map<String, Object> p = new java.util.HashMap<>(auto.params());
    p.putAll(extra);
    return node.monitor(new AwsVipwType(), MonitorFixture.monitor(auto.name(), auto.type(), p, Map.of()), server);
  }

  static void assertResult(MonitorResult r, Status status, int code) {
    assertEquals(status, r.status(), r.toString());
    assertEquals(code, r.code(), r.toString());
  }

  @Test
  void vipMonitorIsNormalAfterActivationAndSeesARewrittenRoute() {
    ResourceDriver res = node.resource(new AwsVipType(), "awsvip1", "node1");
    res.activate(WHY).await();
    MonitorDriver m = vipw("node1", Map.of());
    assertResult(m.check().await(), Status.NORMAL, 0);
    emu.actorSetRoute("rtb-bbbb", "10.1.0.20/32", "eni-bbbb");
    MonitorResult r = m.check().await();
    assertResult(r, Status.ERROR, 56);
    assertTrue(r.message().contains("rtb-bbbb") && r.message().contains("eni-bbbb"), r.message());
    res.activate(WHY).await();
    assertResult(m.check().await(), Status.NORMAL, 0);
    assertResult(vipw("node2", Map.of()).check().await(), Status.ERROR, 56);
    emu.actorDeleteRoute("rtb-aaaa", "10.1.0.20/32");
    assertResult(m.check().await(), Status.NORMAL, 0);
    emu.actorDeleteRoute("rtb-bbbb", "10.1.0.20/32");
    r = m.check().await();
    assertResult(r, Status.ERROR, 56);
    assertTrue(r.message().contains("no route table"), r.message());
  }

  @Test
  void vipMonitorSeesTheLocalAddressGone() {
    node.resource(new AwsVipType(), "awsvip1", "node1").activate(WHY).await();
    node.node("node1").get(LocalAddresses.class, () -> null).remove("eth0", "10.1.0.20").await();
    MonitorResult r = vipw("node1", Map.of()).check().await();
    assertResult(r, Status.ERROR, 56);
    assertTrue(r.message().contains("eth0"), r.message());
  }

  @Test
  void vipMonitorOnAwsTroubleFollowsOnNoResponse() {
    node.resource(new AwsVipType(), "awsvip1", "node1").activate(WHY).await();
    emu.addFault(FaultRule.latency("DescribeRouteTables", 5000));
    assertResult(vipw("node1", Map.of()).check().await(), Status.WARNING, 106);
    assertResult(vipw("node1", Map.of("onNoResponse", "recover")).check().await(), Status.ERROR, 6);
    assertResult(vipw("node1", Map.of("onNoResponse", "none")).check().await(), Status.NORMAL, 0);
    emu.clearFaults();
    emu.addFault(FaultRule.error("DescribeRouteTables", "Throttle"));
    assertResult(vipw("node1", Map.of()).check().await(), Status.WARNING, 105);
    emu.clearFaults();
    emu.addFault(FaultRule.error("DescribeRouteTables", "UnauthorizedOperation"));
    assertResult(vipw("node1", Map.of()).check().await(), Status.ERROR, 5);
  }

  @Test
  void eipMonitorSeesTheAddressMovedAway() {
    node.resource(new AwsEipType(), "awseip1", "node1").activate(WHY).await();
    MonitorConfig auto = new AwsEipType().autoMonitors(EIP).get(0);
    MonitorDriver m1 = node.monitor(new AwsEipwType(), auto, "node1");
    MonitorDriver m2 = node.monitor(new AwsEipwType(), auto, "node2");
    assertResult(m1.check().await(), Status.NORMAL, 0);
    assertResult(m2.check().await(), Status.ERROR, 7);
    emu.actorMoveEip("eipalloc-1111", "eni-bbbb");
    MonitorResult r = m1.check().await();
    assertResult(r, Status.ERROR, 7);
    assertTrue(r.message().contains("eipalloc-1111") && r.message().contains("eni-bbbb"), r.message());
    assertResult(m2.check().await(), Status.NORMAL, 0);
    emu.actorMoveEip("eipalloc-1111", null);
    assertResult(m2.check().await(), Status.ERROR, 7);
    emu.addFault(FaultRule.latency("DescribeAddresses", 5000));
    assertResult(m1.check().await(), Status.WARNING, 106);
  }

  @Test
  void monitorValidationNamesTheField() {
    assertEquals("resource", new AwsVipwType().validate(Params.of(Map.of(), "m")).get(0).field());
    assertEquals("onNoResponse", new AwsEipwType().validate(Params.of(Map.of("resource", "x",
        "onNoResponse", "panic"), "m")).get(0).field());
  }
}
