package io.zoneha.monitors.aws;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.resources.aws.AwsCodes;
import io.zoneha.resources.aws.AwsFailures;
import java.util.Set;

/**
 * What a monitor reports when AWS itself does not answer properly (timeout, throttling, 5xx):
 * nothing, a warning (the error number + 100), or an error that triggers recovery.
 */
public enum NoResponsePolicy {
  NONE, WARN, RECOVER;

  public static final String KEY = "onNoResponse";
  public static final Set<String> NAMES = Set.of("none", "warn", "recover");

  public static NoResponsePolicy from(Params p) {
    return valueOf(p.string(KEY, "warn").trim().toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * The result for a failed check. With {@code anyFailure} every failure counts as "no response"
   * (the AZ monitor, as in the seed); otherwise only those worth retrying here do, and a refusal
   * such as a wrong ID or missing permission is always an error.
   */
  public MonitorResult result(Throwable t, String what, boolean anyFailure) {
    ActionFailure f = AwsFailures.map(t, what, AwsCodes.Family.STANDARD);
    boolean noResponse = anyFailure || f.scope() == ActionFailure.Scope.RETRY_HERE;
    if (!noResponse || this == RECOVER) {
      return MonitorResult.error(f.code(), f.getMessage());
    }
    if (this == NONE) {
      return MonitorResult.normal();
    }
    return MonitorResult.warning(f.code() == AwsCodes.INTERNAL ? f.code() : f.code() + 100, f.getMessage());
  }
}
