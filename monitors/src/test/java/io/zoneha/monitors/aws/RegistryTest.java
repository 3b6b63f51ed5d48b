package io.zoneha.monitors.aws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.spi.ResourceType;
import io.zoneha.engine.spi.TypeRegistry;
import io.zoneha.resources.aws.TestCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AWS types are found through ServiceLoader, and each auto-added monitor has a registered type. */
class RegistryTest {
  @Test
  void awsTypesAreRegisteredAndAutoMonitorsResolve() {
    TypeRegistry reg = TypeRegistry.load();
    assertTrue(reg.resourceTypes().containsAll(List.of("awsvip", "awseip", "awsdns")), reg.resourceTypes().toString());
    assertTrue(reg.monitorTypes().containsAll(List.of("awsvipw", "awseipw", "awsdnsw", "awsazw")),
        reg.monitorTypes().toString());
    for (String t : List.of("awsvip", "awseip", "awsdns")) {
      ResourceType rt = reg.resource(t).orElseThrow();
      MonitorConfig m = rt.autoMonitors(TestCluster.resource("res1", t, Map.of(), Map.of())).get(0);
      assertTrue(reg.monitor(m.type()).isPresent(), m.type());
      assertTrue(reg.monitor(m.type()).get().validate(m.paramsFor("node1")).isEmpty(), m.name());
    }
  }
}
