package io.zoneha.monitors.basic;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.resources.exec.ParamChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of a {@code customw} monitor.
 *
 * @param script command line run by {@code /bin/sh -c} at every check
 * @param warnExitCodes exit codes that mean "warning" rather than "error"
 */
public record CustomParams(String script, Set<Integer> warnExitCodes) {
  private static final Set<String> FIELDS = Set.of("script", "warnExitCodes");

  public CustomParams {
    warnExitCodes = Set.copyOf(warnExitCodes);
  }

  public static List<FieldProblem> validate(Params params) {
    Map<String, Object> v = params.asMap();
    List<FieldProblem> out = new ArrayList<>();
    ParamChecks.unknownFields(v, FIELDS, out);
    ParamChecks.text(v, "script", true, out);
    Object codes = v.get("warnExitCodes");
    if (codes != null && !(codes instanceof List)) {
      out.add(new FieldProblem("warnExitCodes", "must be a list of exit codes, e.g. [2, 3]"));
    } else if (codes != null) {
      List<?> list = (List<?>) codes;
      for (int i = 0; i < list.size(); i++) {
        Long n = ParamChecks.wholeNumber(list.get(i));
        if (n == null || n < 1 || n > 255) {
          out.add(new FieldProblem("warnExitCodes[" + i + "]",
              "must be a whole number from 1 to 255, not '" + list.get(i) + "'"));
        }
      }
    }
    return out;
  }

  /** Reads valid fields; call {@link #validate} first. */
  public static CustomParams from(Params params) {
    List<FieldProblem> problems = validate(params);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0).field() + ": " + problems.get(0).message());
    }
    Set<Integer> codes = new TreeSet<>();
    params.strings("warnExitCodes").forEach(s -> codes.add(Integer.parseInt(s.trim())));
    return new CustomParams(params.string("script"), codes);
  }
}
