package io.zoneha.resources.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shipped process runner, without Vert.x. */
class SetsidProcessRunnerTest {
  @Test
  void shellLeadsItsOwnProcessGroupAndOutputArrivesInOrder() throws Exception {
    try (SetsidProcessRunner runner = new SetsidProcessRunner()) {
      List<String> lines = new CopyOnWriteArrayList<>();
      LaunchedProcess p = runner.launch(
          "cut -d' ' -f5 /proc/$$/stat; echo out; echo err >&2; exit 5", Map.of(), lines::add);
      assertEquals(5, p.exit().get(10, TimeUnit.SECONDS));
      p.outputClosed().get(10, TimeUnit.SECONDS);
      assertEquals(List.of(Long.toString(p.pid()), "out", "err"), lines, "pgrp of the shell is its pid");
    }
  }

  @Test
  void failedLaunchThrowsAndLeavesNoFifoBehind() throws Exception {
    SetsidProcessRunner runner = new SetsidProcessRunner("/nonexistent/setsid");
    IOException e = assertThrows(IOException.class, () -> runner.launch("true", Map.of(), l -> { }));
    assertTrue(e.getMessage().contains("/nonexistent/setsid"), e.getMessage());
    Path dir = fifoDirOf(runner);
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.toList());
    }
    runner.close();
    assertTrue(Files.notExists(dir), "close removes the private directory");
  }

  private static Path fifoDirOf(SetsidProcessRunner runner) throws Exception {
    var f = SetsidProcessRunner.class.getDeclaredField("fifoDir");
    f.setAccessible(true);
    return (Path) f.get(runner);
  }
}
