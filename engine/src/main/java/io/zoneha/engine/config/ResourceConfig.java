package io.zoneha.engine.config;

import java.util.List;
import java.util.Map;

/**
 * A group resource. {@code params} are the type-specific fields; {@code perServer} holds the
 * fields a server sets up individually, merged over {@code params} by {@link #paramsFor(String)}.
 */
public record ResourceConfig(
    String name,
    String type,
    List<String> dependsOn,
    Recovery activation,
    Recovery deactivation,
    Map<String, Object> params,
    Map<String, Map<String, Object>> perServer) {

  public static final Recovery DEFAULT_ACTIVATION = new Recovery(0, 1, FinalAction.NONE);
  /** Deactivation never fails over (there is nowhere to go), so its failovers are always 0. */
  public static final Recovery DEFAULT_DEACTIVATION = new Recovery(0, 0, FinalAction.STOP_CLUSTER_SERVICE);

  public ResourceConfig {
    dependsOn = List.copyOf(dependsOn);
    params = Map.copyOf(params);
    perServer = Map.copyOf(perServer);
  }

  public Params paramsFor(String server) {
    return Params.merged(params, perServer.getOrDefault(server, Map.of()), name);
  }

  /**
   * What to do when (de)activation fails: retry on this server {@code retries} times, then (for
   * activation) fail the group over up to {@code failovers} times, then run {@code finalAction}.
   */
  public record Recovery(int retries, int failovers, FinalAction finalAction) {}
}
