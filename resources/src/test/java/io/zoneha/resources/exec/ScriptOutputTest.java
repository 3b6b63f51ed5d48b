package io.zoneha.resources.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptOutputTest {
  @Test
  void logsOnlyTheFirstLinesButCountsAndKeepsTheLastOne() {
    List<String> logged = new ArrayList<>();
    ScriptOutput out = new ScriptOutput(logged::add, 3);
    for (int i = 1; i <= 1000; i++) {
      out.accept("line " + i);
    }
    out.accept("   ");
    assertEquals(List.of("line 1", "line 2", "line 3", "(further output of this run is not logged)"), logged);
    assertEquals(1001, out.lineCount());
    assertEquals("line 1000", out.lastLine());
  }

  @Test
  void silentScriptHasEmptyLastLine() {
    assertEquals("", new ScriptOutput(l -> { }).lastLine());
  }
}
