package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.spi.TypeRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API's validator is the CLI's ConfigLoader: same problems, same paths. */
class ConfigChecksTest {
  private final ConfigCheck check = ConfigChecks.loader(new TypeRegistry(List.of(), List.of()));

  @Test
  void aValidFileGivesItsNameAndFingerprint() {
    ConfigCheck.Outcome o = check.check("""
        cluster: {name: mini, secret: web-secret-0123456789}
        servers:
          - {name: node1, interconnects: [10.0.0.1]}
          - {name: node2, interconnects: [10.0.0.2]}
        """);
    assertTrue(o.valid(), o.problems().toString());
    assertEquals("mini", o.cluster());
    assertNotNull(o.fingerprint());
  }

  @Test
  void problemsNameTheField() {
    ConfigCheck.Outcome o = check.check("""
        cluster: {name: mini, secret: web-secret-0123456789}
        servers:
          - {name: node1, interconnects: [10.0.0.1]}
        """);
    assertFalse(o.valid());
    assertTrue(o.problems().stream().anyMatch(p -> p.path().startsWith("servers")), o.problems().toString());
    assertFalse(check.check("cluster: [").valid(), "syntax errors are problems too");
  }
}
