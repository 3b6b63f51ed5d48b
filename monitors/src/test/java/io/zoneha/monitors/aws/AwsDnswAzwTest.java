package io.zoneha.monitors.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.engine.spi.MonitorResult.Status;
import io.zoneha.engine.spi.Reason;
import io.zoneha.resources.aws.AwsClients;
import io.zoneha.resources.aws.AwsDnsType;
import io.zoneha.resources.aws.DnsAws;
import io.zoneha.resources.aws.DnsSettings;
import io.zoneha.resources.aws.TestCluster;
import io.zoneha.resources.aws.emulator.AwsEmulator;
import io.zoneha.resources.aws.emulator.EmulatorFixture;
import io.zoneha.resources.aws.emulator.FaultRule;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** awsdnsw (API and resolution checks, rate limits) and awsazw against the emulator. */
@ExtendWith(VertxExtension.class)
class AwsDnswAzwTest {
  static Vertx vertx;
  static final Reason WHY = Reason.of("test");
  AwsEmulator emu;
  MonitorFixture node;

  static final ResourceConfig DNS = TestCluster.resource("awsdns1", "awsdns",
      Map.of("hostedZoneId", "Z0EXAMPLE", "recordName", "app.example.internal.", "ttl", 30),
      Map.of("node1", Map.of("ip", "10.0.1.10"), "node2", Map.of("ip", "10.0.2.10")));

  @BeforeAll
  static void init(Vertx v) {
    vertx = v;
  }

  @BeforeEach
  void start() {
    emu = EmulatorFixture.start(vertx);
    emu.setChangeInsyncDelayMs(0);
    node = new MonitorFixture(vertx, emu, Duration.ofMillis(3000), List.of(DNS), List.of());
  }

  @AfterEach
  void stop() {
    node.close();
    emu.close().await();
  }

  MonitorDriver dnsw(String server, Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>(Map.of("resource", "awsdns1",
        "resolver", "127.0.0.1:" + emu.dnsPort(), "apiCheckInterval", "1ms"));
    p.putAll(extra);
    return node.monitor(new AwsDnswType(), MonitorFixture.monitor("awsdnsw1", "awsdnsw", p, Map.of()), server);
  }

  static void assertResult(MonitorResult r, Status status, int code) {
    assertEquals(status, r.status(), r.toString());
    assertEquals(code, r.code(), r.toString());
  }

  @Test
  void recordChecksThroughApiAndResolver() {
    node.resource(new AwsDnsType(), "awsdns1", "node1").activate(WHY).await();
    assertResult(dnsw("node1", Map.of()).check().await(), Status.NORMAL, 0);
    assertResult(dnsw("node2", Map.of()).check().await(), Status.ERROR, 8);
    emu.actorSetRecord("Z0EXAMPLE", "app.example.internal.", 30, List.of("10.0.2.10"));
    assertResult(dnsw("node1", Map.of()).check().await(), Status.ERROR, 8);
    emu.actorSetRecord("Z0EXAMPLE", "app.example.internal.", 30, List.of());
    MonitorResult r = dnsw("node1", Map.of()).check().await();
    assertResult(r, Status.ERROR, 7);
    assertTrue(r.message().contains("app.example.internal."), r.message());
  }

  @Test
  void resolutionFailureAndMismatch() {
    node.resource(new AwsDnsType(), "awsdns1", "node1").activate(WHY).await();
    AwsEmulator other = EmulatorFixture.start(vertx);
    try {
      Map<String, Object> viaOther = Map.of("resolver", "127.0.0.1:" + other.dnsPort());
      assertResult(dnsw("node1", viaOther).check().await(), Status.ERROR, 9);
      other.actorSetRecord("Z0EXAMPLE", "app.example.internal.", 30, List.of("10.0.9.9"));
      MonitorResult r = dnsw("node1", viaOther).check().await();
      assertResult(r, Status.ERROR, 10);
      assertTrue(r.message().contains("10.0.9.9"), r.message());
      assertResult(dnsw("node1", Map.of("resolver", "127.0.0.1:" + other.dnsPort(),
          "checkResolution", false)).check().await(), Status.NORMAL, 0);
    } finally {
      other.close().await();
    }
  }

  @Test
  void apiIsReadAtTheLowerRateAndBacksOffOnThrottling() {
    node.resource(new AwsDnsType(), "awsdns1", "node1").activate(WHY).await();
    AtomicLong now = new AtomicLong(0);
    AwsClients aws = node.node("node1").get(AwsClients.class, () -> null);
    DnsWatch w = new DnsWatch(DnsSettings.from(DNS.paramsFor("node1")), new DnsAws(vertx, aws), null,
        Duration.ofSeconds(30), NoResponsePolicy.WARN, now::get);
    long before = listCalls();
    for (int i = 0; i < 6; i++) {
      assertResult(w.check().await(), Status.NORMAL, 0);
      now.addAndGet(Duration.ofSeconds(5).toNanos());
    }
    assertEquals(1, listCalls() - before, "six checks in 30 s read the API once");
    emu.addFault(FaultRule.error("ListResourceRecordSets", "Throttle"));
    assertResult(w.check().await(), Status.WARNING, 105);
    assertEquals(2, w.backoffFactor());
    long afterThrottle = listCalls();
    now.addAndGet(Duration.ofSeconds(35).toNanos());
    assertResult(w.check().await(), Status.NORMAL, 0);
    assertEquals(afterThrottle, listCalls(), "no API call before twice the interval");
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    emu.clearFaults();
    assertResult(w.check().await(), Status.NORMAL, 0);
    assertEquals(1, w.backoffFactor());
    emu.actorSetRecord("Z0EXAMPLE", "app.example.internal.", 30, List.of());
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertResult(w.check().await(), Status.ERROR, 7);
    assertResult(w.check().await(), Status.ERROR, 7);
  }

  long listCalls() {
    return emu.calls().entries(0, true).stream()
        .filter(c -> c.action().equals("ListResourceRecordSets")).count();
  }

  MonitorDriver azw(String server, Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>(Map.of("availabilityZone", "us-east-1a"));
    p.putAll(extra);
    MonitorConfig m = MonitorFixture.monitor("awsazw1", "awsazw", p,
        Map.of("node2", Map.of("availabilityZone", "us-east-1b")));
    return node.monitor(new AwsAzwType(), m, server);
  }

  @Test
  void azMonitorFollowsZoneState() {
    assertResult(azw("node1", Map.of()).check().await(), Status.NORMAL, 0);
    emu.setAzState("us-east-1a", "impaired", List.of("elevated error rates"));
    MonitorResult r = azw("node1", Map.of()).check().await();
    assertResult(r, Status.WARNING, 111);
    assertTrue(r.message().contains("elevated error rates"), r.message());
    assertResult(azw("node2", Map.of()).check().await(), Status.NORMAL, 0);
    emu.setAzState("us-east-1a", "information", List.of());
    assertResult(azw("node1", Map.of()).check().await(), Status.WARNING, 111);
    emu.setAzState("us-east-1b", "unavailable", List.of());
    assertResult(azw("node2", Map.of()).check().await(), Status.ERROR, 11);
  }

  @Test
  void azMonitorWithoutAnswerFromAws() {
    emu.addFault(FaultRule.latency("DescribeAvailabilityZones", 5000));
    assertResult(azw("node1", Map.of()).check().await(), Status.WARNING, 106);
    assertResult(azw("node1", Map.of("onNoResponse", "recover")).check().await(), Status.ERROR, 6);
    assertResult(azw("node1", Map.of("onNoResponse", "none")).check().await(), Status.NORMAL, 0);
    emu.clearFaults();
    assertResult(azw("node1", Map.of("availabilityZone", "us-east-1x")).check().await(), Status.WARNING, 105);
    assertResult(azw("node1", Map.of("availabilityZone", "us-east-1x", "onNoResponse", "recover"))
        .check().await(), Status.ERROR, 5);
    emu.addFault(FaultRule.error("DescribeAvailabilityZones", "Throttle"));
    assertResult(azw("node1", Map.of()).check().await(), Status.WARNING, 105);
  }

  @Test
  void validation() {
    var t = new AwsAzwType();
    assertEquals("availabilityZone", t.validate(io.zoneha.engine.config.Params.of(Map.of(), "m")).get(0).field());
    assertEquals("resolver", new AwsDnswType().validate(io.zoneha.engine.config.Params.of(Map.of(
        "resource", "awsdns1", "resolver", "nohost"), "m")).get(0).field());
    assertEquals("apiCheckInterval", new AwsDnswType().validate(io.zoneha.engine.config.Params.of(Map.of(
        "resource", "awsdns1", "apiCheckInterval", "soon"), "m")).get(0).field());
  }
}
