package io.zoneha.engine.config;

import java.util.List;
import java.util.Optional;

/** The outcome of loading a cluster.yaml: a config exactly when there are no problems. */
public record LoadResult(List<ConfigProblem> problems, Optional<ClusterConfig> config) {
  public LoadResult {
    problems = List.copyOf(problems);
    if (problems.isEmpty() == config.isEmpty()) {
      throw new IllegalArgumentException("a config is present exactly when there are no problems");
    }
  }

  public static LoadResult ok(ClusterConfig config) {
    return new LoadResult(List.of(), Optional.of(config));
  }

  public static LoadResult failed(List<ConfigProblem> problems) {
    return new LoadResult(problems, Optional.empty());
  }

  public boolean isValid() {
    return problems.isEmpty();
  }
}
