package io.zoneha.resources.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcStatTest {
  @Test
  void parsesCommandNamesWithSpacesAndParentheses() {
    ProcStat s = ProcStat.parse("4321 (my (odd) cmd) S 1 4300 4300 0 -1 4194560 100 0 0 0");
    assertEquals(4321, s.pid());
    assertEquals('S', s.state());
    assertEquals(1, s.ppid());
    assertEquals(4300, s.pgrp());
    assertFalse(s.exited());
  }

  @Test
  void zombieCountsAsExited() {
    assertTrue(ProcStat.parse("77 (sleep) Z 1 70 70 0").exited());
  }

  @Test
  void rejectsGarbage() {
    var e = assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("hello"));
    assertTrue(e.getMessage().contains("'hello'"));
  }

  @Test
  void readsThisJvm() throws Exception {
    long me = ProcessHandle.current().pid();
    ProcStat s = ProcStat.parse(Files.readString(Path.of("/proc/self/stat")));
    assertEquals(me, s.pid());
    assertFalse(s.exited());
  }
}
