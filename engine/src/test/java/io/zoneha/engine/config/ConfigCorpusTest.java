package io.zoneha.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus under src/test/resources/config: every good/*.yaml loads without problems; every
 * bad/*.yaml yields exactly the problem lines of its bad/*.expected, in order.
 * Run with {@code -Dconfig.regenerate=true} to rewrite the .expected files, then review the diff.
 */
class ConfigCorpusTest {
  /** Every corpus file uses this secret; no problem message may ever contain it. */
  static final String CORPUS_SECRET = "corpus-secret-0123456789";

  private final ConfigLoader loader = new ConfigLoader(TestTypes.strict());

  @TestFactory
  Stream<DynamicTest> goodFilesLoad() throws Exception {
    return files("good").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      LoadResult r = loader.parse(Files.readString(f), f.getFileName().toString());
      assertEquals(List.of(), r.problems().stream().map(ConfigProblem::toString).toList());
      assertTrue(r.config().isPresent());
    }));
  }

  @TestFactory
  Stream<DynamicTest> badFilesReportExactlyTheExpectedProblems() throws Exception {
    boolean regenerate = Boolean.getBoolean("config.regenerate");
    return files("bad").map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      LoadResult r = loader.parse(Files.readString(f), f.getFileName().toString());
      List<String> actual = r.problems().stream().map(ConfigProblem::toString).toList();
      String expectedName = f.getFileName().toString().replaceAll("\\.yaml$", ".expected");
      Path expectedFile = f.resolveSibling(expectedName);
      if (regenerate) {
        expectedFile = Path.of("src/test/resources/config/bad").resolve(expectedName);
        Files.write(expectedFile, actual, StandardCharsets.UTF_8);
      }
      List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8);
      assertFalse(expected.isEmpty(), "a bad file must expect at least one problem");
      assertEquals(String.join("\n", expected), String.join("\n", actual));
      assertTrue(r.config().isEmpty());
      actual.forEach(line -> assertFalse(line.contains(CORPUS_SECRET), "secret leaked: " + line));
    }));
  }

  static Stream<Path> files(String dir) throws IOException, URISyntaxException {
    Path root = Path.of(ConfigCorpusTest.class.getResource("/config/" + dir).toURI());
    try (Stream<Path> s = Files.list(root)) {
      List<Path> yaml = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertFalse(yaml.isEmpty(), "no corpus files in " + root);
      return yaml.stream();
    }
  }
}
