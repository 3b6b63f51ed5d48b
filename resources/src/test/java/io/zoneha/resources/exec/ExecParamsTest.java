package io.zoneha.resources.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.config.Params;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecParamsTest {
  @Test
  void defaults() {
    ExecParams p = ExecParams.from(Params.of(Map.of("start", "/opt/app/start.sh"), "exec1"));
    assertEquals("/opt/app/start.sh", p.start());
    assertEquals(Optional.empty(), p.stop());
    assertEquals(Duration.ofSeconds(30), p.timeout());
    assertEquals(Map.of(), p.env());
  }

  @Test
  void allFields() {
    ExecParams p = ExecParams.from(Params.of(Map.of("start", "a", "stop", "b", "timeout", "2m",
        "env", Map.of("PORT", 8080)), "exec1"));
    assertEquals(Optional.of("b"), p.stop());
    assertEquals(Duration.ofMinutes(2), p.timeout());
    assertEquals(Map.of("PORT", "8080"), p.env());
  }

  @Test
  void everyProblemNamesItsField() {
    List<String> problems = problems(Map.of(
        "start", " ",
        "stop", List.of("a"),
        "timeout", "0s",
        "env", Map.of("1BAD", "x", "ZONEHA_GROUP", "y", "OK", List.of())));
    assertEquals(List.of(
        "start: must not be empty",
        "stop: must be text, not a list",
        "timeout: must be longer than 0"), problems.subList(0, 3));
    assertTrue(problems.contains("env.1BAD: not a valid environment variable name (letters, digits, _; not starting with a digit)"), problems.toString());
    assertTrue(problems.contains("env.ZONEHA_GROUP: reserved: ZoneHA sets the ZONEHA_* variables itself"), problems.toString());
    assertTrue(problems.contains("env.OK: must be a single text value"), problems.toString());
    assertEquals(6, problems.size(), problems.toString());
  }

  @Test
  void missingStartAndNonMapEnv() {
    assertEquals(List.of("start: required", "env: must be a map of NAME: value"),
        problems(Map.of("env", "A=B")));
  }

  private static List<String> problems(Map<String, Object> values) {
    return ExecParams.validate(Params.of(values, "exec1")).stream()
        .map(p -> p.field() + ": " + p.message()).toList();
  }
}
