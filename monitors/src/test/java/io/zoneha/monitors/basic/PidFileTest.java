package io.zoneha.monitors.basic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PidFileTest {
  private static final String F = "/run/app.pid";

  @Test
  void readsThePidOfTheFirstLine() {
    assertEquals(1234, parse("1234\n"));
    assertEquals(1234, parse("  1234 \r\n8080\n"));
    assertEquals(7, parse("\n7"));
  }

  @Test
  void emptyFile() {
    assertEquals("pid file /run/app.pid: empty", problem(" \n\t"));
    assertEquals("pid file /run/app.pid: empty", problem(""));
  }

  @Test
  void namesTheBadByte() {
    assertEquals("pid file /run/app.pid: byte 3 is 0x61 ('a'), expected a digit", problem("12abc"));
    assertEquals("pid file /run/app.pid: byte 1 is 0x2d ('-'), expected a digit", problem("-5"));
    assertEquals("pid file /run/app.pid: byte 4 is 0x33 ('3'), expected a digit", problem("12 3"));
    assertEquals("pid file /run/app.pid: byte 2 is 0x00, expected a digit", problem("1\0"));
  }

  @Test
  void namesTheBadValue() {
    assertEquals("pid file /run/app.pid: value 0 is not a process id (1..4194304)", problem("0"));
    assertEquals("pid file /run/app.pid: value 99999999999999999999... is not a process id (1..4194304)",
        problem("9".repeat(40)));
  }

  private static long parse(String s) {
    return PidFile.parse(F, s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String problem(String s) {
    return assertThrows(IllegalArgumentException.class, () -> parse(s)).getMessage();
  }
}
