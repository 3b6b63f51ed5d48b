package io.zoneha.resources.exec;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The fields of an {@code exec} resource as one server sees them.
 *
 * @param start command line run by {@code /bin/sh -c} to activate the resource
 * @param stop command line run to deactivate it, if any
 * @param timeout limit of each single run of start or stop
 * @param env extra environment variables for both scripts
 */
public record ExecParams(String start, Optional<String> stop, Duration timeout, Map<String, String> env) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** Variables that ZoneHA sets itself; {@code env} may not override them. */
  public static final String RESERVED_PREFIX = "ZONEHA_";

  private static final Set<String> FIELDS = Set.of("start", "stop", "timeout", "env");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public ExecParams {
    env = Map.copyOf(env);
  }

  /** Every problem of the fields, each naming its field; empty when valid. */
  public static List<FieldProblem> validate(Params params) {
    Map<String, Object> v = params.asMap();
    List<FieldProblem> out = new ArrayList<>();
    ParamChecks.unknownFields(v, FIELDS, out);
    ParamChecks.text(v, "start", true, out);
    ParamChecks.text(v, "stop", false, out);
    ParamChecks.positiveDuration(v, "timeout", DEFAULT_TIMEOUT, out);
    checkEnv(v.get("env"), out);
    return out;
  }

  /** Reads valid fields; call {@link #validate} first. */
  public static ExecParams from(Params params) {
    List<FieldProblem> problems = validate(params);
    if (!problems.isEmpty()) {
      FieldProblem p = problems.get(0);
      throw new IllegalArgumentException(p.field() + ": " + p.message());
    }
    return new ExecParams(
        params.string("start"),
        params.optString("stop"),
        params.duration("timeout", DEFAULT_TIMEOUT),
        new TreeMap<>(params.stringMap("env")));
  }

  private static void checkEnv(Object env, List<FieldProblem> out) {
    if (env == null) {
      return;
    }
    if (!(env instanceof Map<?, ?> m)) {
      out.add(new FieldProblem("env", "must be a map of NAME: value"));
      return;
    }
    m.forEach((k, val) -> {
      String name = String.valueOf(k);
      if (!ENV_NAME.matcher(name).matches()) {
        out.add(new FieldProblem("env." + name, "not a valid environment variable name (letters, digits, _; not starting with a digit)"));
      } else if (name.startsWith(RESERVED_PREFIX)) {
        out.add(new FieldProblem("env." + name, "reserved: ZoneHA sets the " + RESERVED_PREFIX + "* variables itself"));
      } else if (val == null || val instanceof Map || val instanceof List) {
        out.add(new FieldProblem("env." + name, "must be a single text value"));
      }
    });
  }
}
