package io.zoneha.resources.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.spi.ActionFailure;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real {@code ip} adapter, on a veth device inside a network namespace made by the test. */
@ExtendWith(VertxExtension.class)
class IpCommandAddressesTest {
  static final String NS = "zoneha-awsvip-" + ProcessHandle.current().pid();

  static int sh(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  @BeforeAll
  static void namespace() throws Exception {
    Assumptions.assumeTrue(sh(List.of("ip", "netns", "add", NS)) == 0, "network namespaces not available");
    assertEquals(0, sh(List.of("ip", "-n", NS, "link", "add", "vip0", "type", "veth", "peer", "name", "vip1")));
    assertEquals(0, sh(List.of("ip", "-n", NS, "link", "set", "vip0", "up")));
  }

  @AfterAll
  static void cleanup() throws Exception {
    sh(List.of("ip", "netns", "del", NS));
  }

  @Test
  void addsChecksAndRemovesTheVip(Vertx vertx) {
    LocalAddresses ip = new IpCommandAddresses(vertx, "ip -n " + NS);
    assertFalse(ip.has("vip0", "10.1.0.20").await());
    ip.add("vip0", "10.1.0.20").await();
    ip.add("vip0", "10.1.0.20").await();
    assertTrue(ip.has("vip0", "10.1.0.20").await());
    assertFalse(ip.has("vip0", "10.1.0.2").await(), "a prefix of the VIP is another address");
    ip.remove("vip0", "10.1.0.20").await();
    ip.remove("vip0", "10.1.0.20").await();
    assertFalse(ip.has("vip0", "10.1.0.20").await());
  }

  @Test
  void unknownDeviceFailsWithTheCommandsMessage(Vertx vertx) {
    LocalAddresses ip = new IpCommandAddresses(vertx, "ip -n " + NS);
    Exception e = assertThrows(Exception.class, () -> ip.add("nosuch0", "10.1.0.20").await());
    assertTrue(e instanceof ActionFailure f && f.code() == AwsCodes.INTERNAL, e.toString());
    assertTrue(e.getMessage().contains("nosuch0"), e.getMessage());
  }
}
