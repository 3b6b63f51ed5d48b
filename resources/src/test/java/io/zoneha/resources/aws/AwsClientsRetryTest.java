package io.zoneha.resources.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.ActionFailure.Scope;
import io.zoneha.engine.spi.NodeServices;
import io.zoneha.resources.aws.emulator.AwsEmulator;
import io.zoneha.resources.aws.emulator.EmulatorFixture;
import io.zoneha.resources.aws.emulator.FaultRule;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SDK's retries and time limits as configured by AwsClients, under injected faults. */
@ExtendWith(VertxExtension.class)
class AwsClientsRetryTest {
  AwsEmulator emu;
  NodeServices services;
  AwsClients aws;

  @BeforeEach
  void start(Vertx vertx) {
    emu = EmulatorFixture.start(vertx);
    services = TestCluster.services(vertx, TestCluster.aws(emu, Duration.ofSeconds(2), 2), "AKIARETRY");
    aws = services.get(AwsClients.class, () -> null);
  }

  @AfterEach
  void stop() {
    services.close();
    emu.close().await();
  }

  long attempts(String action) {
    return emu.calls().entries(0, true).stream().filter(c -> c.action().equals(action)).count();
  }

  ActionFailure failure(io.vertx.core.Future<?> f) {
    Exception e = assertThrows(Exception.class, f::await);
    assertTrue(e instanceof ActionFailure, e.toString());
    return (ActionFailure) e;
  }

  io.vertx.core.Future<?> getZone() {
    return aws.route53("GetHostedZone", AwsCodes.Family.STANDARD, c -> c.getHostedZone(b -> b.id("Z0EXAMPLE")));
  }

  @Test
  void serverErrorStormUsesEveryAttemptThenFails() {
    emu.addFault(FaultRule.error("GetHostedZone", "ServiceUnavailable"));
    ActionFailure f = failure(getZone());
    assertEquals(5, f.code());
    assertEquals(Scope.RETRY_HERE, f.scope());
    assertEquals(3, attempts("GetHostedZone"), "maxRetries 2 = three attempts");
  }

  @Test
  void route53ThrottlingIsRetriedWithBackoff() {
    emu.addFault(FaultRule.error("GetHostedZone", "Throttle", 2));
    getZone().await();
    assertEquals(3, attempts("GetHostedZone"));
  }

  @Test
  void clientErrorsAreNotRetried() {
    ActionFailure f = failure(aws.route53("GetHostedZone", AwsCodes.Family.STANDARD,
        c -> c.getHostedZone(b -> b.id("ZNOPE"))));
    assertEquals(Scope.GIVE_UP, f.scope());
    assertEquals(1, attempts("GetHostedZone"));
  }

  @Test
  void aCallThatOutlastsTheTimeLimitFailsWithTheTimeoutCode() {
    emu.addFault(FaultRule.latency("DescribeVpcs", 4000));
    long t0 = System.nanoTime();
    ActionFailure f = failure(aws.ec2("DescribeVpcs", AwsCodes.Family.STANDARD, c -> c.describeVpcs()));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(6, f.code());
    assertTrue(ms >= 1900 && ms < 3900, "gave up after " + ms + " ms, the limit is 2 s");
  }
}
