package io.zoneha.resources.aws;

import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.MonitorConfig.MonitorWhen;
import io.zoneha.engine.config.MonitorConfig.RecoveryAction;
import io.zoneha.engine.config.MonitorConfig.RecoveryTargetKind;
import io.zoneha.engine.config.ResourceConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The monitor each AWS resource brings along ({@code awsvipw-awsvip1}, ...): watches only while
 * the resource is active and reactivates the resource on error, as the seed's auto-added ones do.
 */
public final class AutoMonitors {
  public static final int REACTIVATIONS = 3;
  public static final int FAILOVERS = 1;

  private AutoMonitors() {}

  public static MonitorConfig forResource(String monitorType, ResourceConfig r) {
    return new MonitorConfig(monitorType + "-" + r.name(), monitorType, MonitorConfig.DEFAULT_INTERVAL,
        MonitorConfig.DEFAULT_TIMEOUT, MonitorConfig.DEFAULT_RETRIES, Duration.ZERO, MonitorWhen.ACTIVE,
        r.name(), new RecoveryAction(RecoveryTargetKind.RESOURCE, r.name(), REACTIVATIONS, FAILOVERS,
            FinalAction.NONE),
        Map.of("resource", r.name()), Map.of());
  }
}
