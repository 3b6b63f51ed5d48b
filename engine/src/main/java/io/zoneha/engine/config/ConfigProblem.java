package io.zoneha.engine.config;

/**
 * One thing wrong with a cluster.yaml. {@code path} names the field the way the file nests it
 * ({@code groups[0].resources[1].dependsOn}), or {@code line L, column C} for YAML syntax errors.
 */
public record ConfigProblem(String path, String message) {
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
