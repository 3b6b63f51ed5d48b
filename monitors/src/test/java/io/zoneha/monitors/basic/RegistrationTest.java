package io.zoneha.monitors.basic;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.zoneha.engine.spi.TypeRegistry;
import io.zoneha.resources.exec.ExecResourceType;
import org.junit.jupiter.api.Test;

/** The node finds the types through META-INF/services. */
class RegistrationTest {
  @Test
  void typesAreFoundByName() {
    TypeRegistry registry = TypeRegistry.load();
    assertInstanceOf(ExecResourceType.class, registry.resource("exec").orElseThrow());
    assertInstanceOf(PidMonitorType.class, registry.monitor("pidw").orElseThrow());
    assertInstanceOf(CustomMonitorType.class, registry.monitor("customw").orElseThrow());
    assertInstanceOf(HttpMonitorType.class, registry.monitor("httpw").orElseThrow());
  }
}
