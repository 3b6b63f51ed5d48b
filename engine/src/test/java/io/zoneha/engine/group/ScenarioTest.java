package io.zoneha.engine.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One dynamic test per story in {@code src/test/resources/scenarios/*.txt}. After changing the
 * decider, run with {@code -Dscenarios.regenerate=true} to rewrite every expectation, then read
 * the diff: it is the behaviour change a reviewer signs off.
 */
class ScenarioTest {
  private static final boolean REGENERATE = Boolean.getBoolean("scenarios.regenerate");
  private static final Path SOURCE_DIR = Path.of("src", "test", "resources", "scenarios");

  @TestFactory
  Stream<DynamicTest> scenarios() throws IOException {
    return files().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> play(f)));
  }

  @Test
  void thereAreEnoughStories() throws IOException {
    assertTrue(files().count() >= 15, "expected at least 15 scenario files in " + dir());
  }

  private static void play(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Scenario.Outcome outcome = Scenario.run(file.getFileName().toString(), lines);
    if (REGENERATE) {
      Files.writeString(SOURCE_DIR.resolve(file.getFileName()), outcome.regenerated(), StandardCharsets.UTF_8);
      return;
    }
    for (Scenario.Mismatch m : outcome.mismatches()) {
      // The first mismatch is the one to read: later steps build on its outcome.
      assertEquals(String.join("\n", m.expected()), String.join("\n", m.actual()),
          m.where() + " " + m.event() + " (run with -Dscenarios.regenerate=true to rewrite, then review the diff)");
    }
    assertEquals(String.join("\n", lines) + "\n", outcome.regenerated(), file + " is not in its canonical form");
  }

  private static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList().stream();
    }
  }

  /** The source folder when run from the module (Maven, IDE), else the copy on the class path. */
  private static Path dir() {
    if (REGENERATE || Files.isDirectory(SOURCE_DIR)) {
      return SOURCE_DIR;
    }
    URL url = ScenarioTest.class.getResource("/scenarios");
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("scenario folder not found: " + SOURCE_DIR.toAbsolutePath(), e);
    }
  }
}
