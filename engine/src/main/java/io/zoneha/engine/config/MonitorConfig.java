package io.zoneha.engine.config;

import java.time.Duration;
import java.util.Map;

/**
 * A monitor resource with the seed's common settings. {@code target} is the resource whose
 * activity gates an active-only monitor; {@code recovery} says what to restart or move on error.
 */
public record MonitorConfig(
    String name,
    String type,
    Duration interval,
    Duration timeout,
    int retries,
    Duration startWait,
    MonitorWhen when,
    String target,
    RecoveryAction recovery,
    Map<String, Object> params,
    Map<String, Map<String, Object>> perServer) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_RETRIES = 1;

  public MonitorConfig {
    params = Map.copyOf(params);
    perServer = Map.copyOf(perServer);
  }

  public Params paramsFor(String server) {
    return Params.merged(params, perServer.getOrDefault(server, Map.of()), name);
  }

  public enum MonitorWhen { ALWAYS, ACTIVE }

  /**
   * Escalation after a monitor error: reactivate the target up to {@code reactivations} times,
   * then fail its group over up to {@code failovers} times, then {@code finalAction}.
   */
  public record RecoveryAction(
      RecoveryTargetKind kind, String target, int reactivations, int failovers, FinalAction finalAction) {}

  public enum RecoveryTargetKind { RESOURCE, GROUP, LOCAL_SERVER }
}
