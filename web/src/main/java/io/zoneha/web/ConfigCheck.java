package io.zoneha.web;

import io.zoneha.engine.config.ClusterConfig;
import java.util.List;

/**
 * Validates an uploaded cluster.yaml with the same rules as the CLI's {@code validate}. An
 * interface so the API does not care where the validator lives.
 */
@FunctionalInterface
public interface ConfigCheck {
  /** One problem: the field path (or line:column) and what is wrong. */
  record Problem(String path, String message) {}

  /**
   * The result: problems (empty = valid) and, when valid, the cluster name, fingerprint, servers
   * and the parsed configuration ({@code config} may be null from a checker that does not parse:
   * an apply then assumes the worst, a restart of every server).
   */
  record Outcome(List<Problem> problems, String cluster, String fingerprint, List<String> servers, ClusterConfig config) {
    public Outcome {
      problems = List.copyOf(problems);
      servers = servers == null ? List.of() : List.copyOf(servers);
    }

    public Outcome(List<Problem> problems, String cluster, String fingerprint, List<String> servers) {
      this(problems, cluster, fingerprint, servers, null);
    }

    public static Outcome invalid(List<Problem> problems) {
      return new Outcome(problems, null, null, List.of());
    }

    public boolean valid() {
      return problems.isEmpty();
    }
  }

  Outcome check(String yamlText);
}
