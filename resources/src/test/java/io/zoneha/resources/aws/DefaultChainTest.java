package io.zoneha.resources.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.spi.NodeServices;
import io.zoneha.resources.aws.emulator.AwsEmulator;
import io.zoneha.resources.aws.emulator.EmulatorFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node's clients built from cluster.yaml alone find credentials through the SDK's default chain. */
@ExtendWith(VertxExtension.class)
class DefaultChainTest {
  @Test
  void systemPropertyCredentialsReachTheEmulator(Vertx vertx) {
    AwsEmulator emu = EmulatorFixture.start(vertx);
    System.setProperty("aws.accessKeyId", "AKIAFROMSYSPROPS");
    System.setProperty("aws.secretAccessKey", "secret");
    NodeServices services = new NodeServices();
    try {
      AwsClients aws = AwsClients.forNode(services, vertx, TestCluster.aws(emu, Duration.ofSeconds(5), 1));
      aws.ec2("DescribeAvailabilityZones", AwsCodes.Family.STANDARD, c -> c.describeAvailabilityZones()).await();
      assertEquals("AKIAFROMSYSPROPS", emu.calls().entries(0, true).get(0).caller());
      assertEquals(aws, AwsClients.forNode(services, vertx, null), "one client set per node");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      services.close();
      emu.close().await();
    }
  }
}
