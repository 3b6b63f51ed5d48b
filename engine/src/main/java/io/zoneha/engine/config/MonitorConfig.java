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
  public static final Duration DEFAULT_START_WAIT = Duration.ZERO;
  public static final MonitorWhen DEFAULT_WHEN = MonitorWhen.ALWAYS;
  public static final int DEFAULT_REACTIVATIONS = 3;
  /** Restarting "the local server" in place is meaningless, so it gets no reactivations. */
  public static final int DEFAULT_LOCAL_SERVER_REACTIVATIONS = 0;
  public static final int DEFAULT_FAILOVERS = 1;
  public static final FinalAction DEFAULT_FINAL_ACTION = FinalAction.NONE;
  /** The recovery target that means this node itself. */
  public static final String LOCAL_SERVER = "LocalServer";

  public MonitorConfig {
    params = Map.copyOf(params);
    perServer = Map.copyOf(perServer);
  }

  /**
   * A monitor that a resource type adds for one of its resources (see
   * {@code ResourceType.autoMonitors}): common settings at their defaults, checking only while the
   * resource is active, and recovering by reactivating that resource.
   */
  public static MonitorConfig watching(String name, String type, ResourceConfig resource, Map<String, Object> params) {
    return new MonitorConfig(name, type, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_RETRIES, DEFAULT_START_WAIT,
        MonitorWhen.ACTIVE, resource.name(),
        new RecoveryAction(RecoveryTargetKind.RESOURCE, resource.name(), DEFAULT_REACTIVATIONS, DEFAULT_FAILOVERS,
            DEFAULT_FINAL_ACTION),
        params, Map.of());
  }

  public Params paramsFor(String server) {
    return Params.merged(params, perServer.getOrDefault(server, Map.of()), name);
  }

  public enum MonitorWhen {
    ALWAYS("always"),
    ACTIVE("active");

    private final String yamlName;

    MonitorWhen(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }
  }

  /**
   * Escalation after a monitor error: reactivate the target up to {@code reactivations} times,
   * then fail its group over up to {@code failovers} times, then {@code finalAction}.
   */
  public record RecoveryAction(
      RecoveryTargetKind kind, String target, int reactivations, int failovers, FinalAction finalAction) {}

  public enum RecoveryTargetKind { RESOURCE, GROUP, LOCAL_SERVER }
}
