package io.zoneha.engine.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the impact table of docs/api.md ("What an apply restarts") in step with ApplyImpact. */
class ApplyDocTest {
  private static final Path DOC = Path.of("..", "docs", "api.md");

  @Test
  void theImpactTableListsEveryImpactInOrder() throws Exception {
    String doc = Files.readString(DOC);
    int from = doc.indexOf("### What an apply restarts");
    int to = doc.indexOf("\n### ", from + 1);
    List<String> rows = doc.substring(from, to < 0 ? doc.length() : to).lines()
        .filter(l -> l.startsWith("| `")).map(l -> l.substring(3, l.indexOf('`', 3))).toList();
    assertEquals(Arrays.stream(ApplyImpact.values()).map(ApplyImpact::wire).toList(), rows);
  }
}
