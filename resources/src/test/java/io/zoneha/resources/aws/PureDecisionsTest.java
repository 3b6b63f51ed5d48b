package io.zoneha.resources.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.resources.aws.VipRoutes.RouteView;
import io.zoneha.resources.aws.emulator.AwsEmulatorMain;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Address arithmetic and route decisions, without I/O. */
class PureDecisionsTest {
  @Test
  void ipv4ParsingIsStrict() {
    assertTrue(Ipv4.isValid("10.1.0.20"));
    assertFalse(Ipv4.isValid("10.1.0"));
    assertFalse(Ipv4.isValid("10.1.0.256"));
    assertFalse(Ipv4.isValid("10.1.0.2a"));
    assertFalse(Ipv4.isValid(" "));
    assertEquals("10.1.0.20", Ipv4.format(Ipv4.parse("10.1.0.20").orElseThrow()));
  }

  @Test
  void cidrMembership() {
    assertTrue(Ipv4.inCidr("10.0.255.1", "10.0.0.0/16"));
    assertFalse(Ipv4.inCidr("10.1.0.20", "10.0.0.0/16"));
    assertTrue(Ipv4.inCidr("1.2.3.4", "0.0.0.0/0"));
    assertTrue(Ipv4.inCidr("10.1.0.20", "10.1.0.20/32"));
    assertFalse(Ipv4.inCidr("10.1.0.21", "10.1.0.20/32"));
    assertEquals(Optional.of("172.31.0.0/16"),
        VipRoutes.cidrContaining("172.31.5.5", List.of("10.0.0.0/16", "172.31.0.0/16")));
    assertEquals(Optional.empty(), VipRoutes.cidrContaining("10.1.0.20", List.of("10.0.0.0/16")));
  }

  @Test
  void routesToChange() {
    List<RouteView> routes = List.of(new RouteView("rtb-1", "eni-a"), new RouteView("rtb-2", "eni-b"),
        new RouteView("rtb-3", null));
    assertEquals(List.of("rtb-2", "rtb-3"),
        VipRoutes.notPointingAt(routes, "eni-a").stream().map(RouteView::tableId).toList());
    assertTrue(VipRoutes.describe(routes).contains("rtb-2 -> eni-b"));
  }

  @Test
  void emulatorCommandLineRejectsBadArguments() {
    assertEquals(2, AwsEmulatorMain.run(new String[] {"--port", "4566"}));
    assertEquals(2, AwsEmulatorMain.run(new String[] {"--bogus"}));
    assertEquals(2, AwsEmulatorMain.run(new String[] {"--port", "x", "--state", "s.yaml"}));
  }
}
