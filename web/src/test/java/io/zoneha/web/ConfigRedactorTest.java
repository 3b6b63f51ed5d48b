package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfigRedactorTest {
  @Test
  void masksSecretsAndHashesInEveryYamlStyle() {
    String in = """
        cluster:
          name: demo
          secret: "abc \\" def"   # comment stays
          secretFile: /etc/zoneha/secret
        management:
          users:
            - {name: a, role: viewer, passwordHash: 'pbkdf2-sha256$1$x$y'}
            - name: b
              passwordHash: pbkdf2-sha256$1$x$y
        """;
    String out = ConfigRedactor.redact(in);
    assertEquals("""
        cluster:
          name: demo
          secret: "***"   # comment stays
          secretFile: /etc/zoneha/secret
        management:
          users:
            - {name: a, role: viewer, passwordHash: "***"}
            - name: b
              passwordHash: "***"
        """, out);
  }
}
