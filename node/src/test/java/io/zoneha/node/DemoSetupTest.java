package io.zoneha.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ConfigLoader;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.TypeRegistry;
import io.zoneha.resources.aws.emulator.AwsEmulator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The demo's cluster file and its emulator state describe the same AWS account. */
class DemoSetupTest {
  private static String bundled(String name) throws Exception {
    try (InputStream in = DemoSetupTest.class.getResourceAsStream("/zoneha/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theDemoVipRoutesExistInTheDemoEmulatorAndNodesSignWithTheirOwnKeys() throws Exception {
    ClusterConfig c = new ConfigLoader(TypeRegistry.load()).parse(bundled("local-demo.yaml"), "local-demo.yaml")
        .config().orElseThrow();
    String endpoint = "http://127.0.0.1:" + DemoCommand.EMULATOR_PORT;
    assertEquals(Optional.of(endpoint), c.aws().ec2Endpoint());
    assertEquals(Optional.of(endpoint), c.aws().route53Endpoint());
    ResourceConfig vip = c.groups().get(0).resources().stream().filter(r -> r.type().equals("awsvip")).findFirst().orElseThrow();
    assertTrue(c.monitor("awsvipw-" + vip.name()).isPresent(), "the VIP monitor is added");
    assertTrue(c.monitors().stream().anyMatch(m -> m.type().equals("awsazw")));

    Vertx vertx = Vertx.vertx();
    try {
      AwsEmulator emu = new AwsEmulator(vertx, bundled("emulator-demo.yaml"));
      emu.start(0).await();
      for (String server : List.of("node1", "node2")) {
        Params p = vip.paramsFor(server);
        assertEquals(false, p.bool("addLocalAddress", true), "the demo never touches real interfaces");
        String eni = p.string("eniId");
        assertTrue(emu.stateJson().encode().contains("\"id\":\"" + eni + "\""), server + "'s ENI " + eni + " exists");
        for (String rtb : List.of("rtb-0demopublic", "rtb-0demoprivate")) {
          assertTrue(emu.routeTarget(rtb, p.string("vip") + "/32").isPresent(), rtb + " routes the VIP");
        }
      }
      assertTrue(emu.stateJson().encode().contains(vip.paramsFor("node1").string("vpcId")));
      emu.close().await();
    } finally {
      vertx.close().await();
    }
    assertNotEquals(DemoCommand.awsEnvironment("node1").get("AWS_ACCESS_KEY_ID"),
        DemoCommand.awsEnvironment("node2").get("AWS_ACCESS_KEY_ID"));
  }
}
