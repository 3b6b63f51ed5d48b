package io.zoneha.resources.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.config.AwsConfig;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.NodeServices;
import io.zoneha.engine.spi.Reason;
import io.zoneha.resources.aws.emulator.AwsEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shipped emulator state serves the sample VIP layout; broken state files name the field. */
@ExtendWith(VertxExtension.class)
class SampleStateTest {
  @Test
  void sampleStateRunsTheVipLayout(Vertx vertx) throws Exception {
    AwsEmulator emu = AwsEmulator.fromFile(vertx,
        Path.of("..", "conf", "src", "main", "resources", "zoneha", "emulator-vip.yaml"));
    emu.start(0).await();
    NodeServices services = null;
    try {
      ResourceConfig r = TestCluster.resource("awsvip1", "awsvip",
          Map.of("vip", "10.1.0.20", "vpcId", "vpc-1234abcd", "eniId", "eni-1111aaaa"),
          Map.of("node2", Map.of("eniId", "eni-2222bbbb")));
      AwsConfig aws = TestCluster.aws(emu, Duration.ofSeconds(5), 1);
      ClusterConfig c = TestCluster.cluster(aws, List.of(r), List.of());
      services = TestCluster.services(vertx, aws, "AKIANODE2");
      new AwsVipType().create(TestCluster.context(vertx, c, "node2", r, services)).activate(Reason.of("t")).await();
      assertEquals("eni-2222bbbb", emu.routeTarget("rtb-0public1", "10.1.0.20/32").orElseThrow());
      assertEquals("eni-2222bbbb", emu.routeTarget("rtb-0private1", "10.1.0.20/32").orElseThrow());
      assertTrue(emu.stateJson().getJsonArray("hostedZones").size() == 1);
    } finally {
      if (services != null) {
        services.close();
      }
      emu.close().await();
    }
  }

  @Test
  void brokenStateNamesTheField(Vertx vertx) throws Exception {
    String sample = Files.readString(Path.of("..", "conf", "src", "main", "resources", "zoneha",
        "emulator-vip.yaml"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AwsEmulator(vertx, sample.replace("cidrs: [10.0.0.0/16]", "cidrs: [10.0.0.0/33]")));
    assertTrue(e.getMessage().contains("vpcs[0].cidrs[0]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new AwsEmulator(vertx, "routeTables:\n  - {id: rtb-1, vpcId: vpc-none}\n"));
    assertTrue(e.getMessage().contains("routeTables[0].vpcId"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new AwsEmulator(vertx, "availabilityZones:\n  - {name: a, state: sleepy}\n"));
    assertTrue(e.getMessage().contains("availabilityZones[0].state"), e.getMessage());
  }
}
