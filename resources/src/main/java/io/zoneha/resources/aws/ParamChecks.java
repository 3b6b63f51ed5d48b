package io.zoneha.resources.aws;

import io.zoneha.engine.config.ConfigException;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Collects field problems of type-specific params, each naming its field. */
public final class ParamChecks {
  private final Params params;
  private final List<FieldProblem> problems = new ArrayList<>();

  public ParamChecks(Params params) {
    this.params = params;
  }

  public List<FieldProblem> problems() {
    return List.copyOf(problems);
  }

  public ParamChecks required(String key, Predicate<String> ok, String expected) {
    String v = params.optString(key).orElse(null);
    if (v == null || v.isBlank()) {
      problems.add(new FieldProblem(key, "required (" + expected + ")"));
    } else if (!ok.test(v)) {
      problems.add(new FieldProblem(key, "expected " + expected + ", got '" + v + "'"));
    }
    return this;
  }

  public ParamChecks optional(String key, Predicate<String> ok, String expected) {
    params.optString(key).ifPresent(v -> {
      if (!ok.test(v)) {
        problems.add(new FieldProblem(key, "expected " + expected + ", got '" + v + "'"));
      }
    });
    return this;
  }

  public ParamChecks ipv4(String key) {
    return required(key, Ipv4::isValid, "an IPv4 address such as 10.1.0.20");
  }

  public ParamChecks awsId(String key, String prefix) {
    return required(key, v -> v.startsWith(prefix) && v.length() > prefix.length()
        && v.substring(prefix.length()).chars().allMatch(Character::isLetterOrDigit),
        "an ID like " + prefix + "0123abcd");
  }

  public ParamChecks bool(String key) {
    return typed(key, () -> params.bool(key, false));
  }

  public ParamChecks duration(String key) {
    return typed(key, () -> {
      Duration d = params.duration(key, Duration.ZERO);
      if (d.isNegative()) {
        throw new ConfigException("must not be negative");
      }
    });
  }

  public ParamChecks positiveInt(String key) {
    return typed(key, () -> {
      if (params.integer(key, 1) < 1) {
        throw new ConfigException("must be 1 or more");
      }
    });
  }

  public ParamChecks oneOf(String key, Set<String> allowed) {
    return optional(key, allowed::contains, "one of " + allowed);
  }

  private ParamChecks typed(String key, Runnable read) {
    try {
      read.run();
    } catch (ConfigException e) {
      String msg = String.valueOf(e.getMessage());
      int at = msg.indexOf(key + ": ");
      problems.add(new FieldProblem(key, at >= 0 ? msg.substring(at + key.length() + 2) : msg));
    }
    return this;
  }
}
