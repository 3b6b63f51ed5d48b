package io.zoneha.web;

import java.util.List;

/**
 * Validates an uploaded cluster.yaml with the same rules as the CLI's {@code validate}. An
 * interface so the API does not care where the validator lives.
 */
@FunctionalInterface
public interface ConfigCheck {
  /** One problem: the field path (or line:column) and what is wrong. */
  record Problem(String path, String message) {}

  /** The result: problems (empty = valid) and, when valid, the cluster name and fingerprint. */
  record Outcome(List<Problem> problems, String cluster, String fingerprint) {
    public Outcome {
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      return problems.isEmpty();
    }
  }

  Outcome check(String yamlText);
}
