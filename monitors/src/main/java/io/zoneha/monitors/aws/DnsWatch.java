package io.zoneha.monitors.aws;

import io.vertx.core.Future;
import io.vertx.core.dns.DnsClient;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.resources.aws.AwsCodes;
import io.zoneha.resources.aws.AwsFailures;
import io.zoneha.resources.aws.DnsAws;
import io.zoneha.resources.aws.DnsSettings;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The awsdnsw check. Route 53 allows about five API calls a second per account, so the record is
 * read through the API at most every {@code apiInterval} while it is fine (at once again after a
 * problem), with the pause doubled up to 8x after throttling; name resolution runs every check.
 */
final class DnsWatch implements MonitorDriver {
  static final int MAX_BACKOFF_FACTOR = 8;

  private final DnsSettings s;
  private final DnsAws route53;
  private final DnsClient resolver;
  private final Duration apiInterval;
  private final NoResponsePolicy policy;
  private final LongSupplier clock;
  private long nextApiCheck = Long.MIN_VALUE;
  private boolean apiChecked;
  private int backoff = 1;

  DnsWatch(DnsSettings s, DnsAws route53, DnsClient resolver, Duration apiInterval,
      NoResponsePolicy policy, LongSupplier clock) {
    this.s = s;
    this.route53 = route53;
    this.resolver = resolver;
    this.apiInterval = apiInterval;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public Future<MonitorResult> check() {
    long now = clock.getAsLong();
    Future<MonitorResult> api = apiChecked && now - nextApiCheck < 0
        ? Future.succeededFuture(MonitorResult.normal()) : apiCheck(now);
    return api.compose(r -> r.status() != MonitorResult.Status.NORMAL || resolver == null
        ? Future.succeededFuture(r) : resolve());
  }

  private Future<MonitorResult> apiCheck(long now) {
    apiChecked = true;
    return route53.record(s.hostedZoneId(), s.recordName()).map(rs -> {
      backoff = 1;
      if (rs.isEmpty()) {
        nextApiCheck = now;
        return MonitorResult.error(AwsCodes.NOT_ASSOCIATED, "the A record " + s.recordName()
            + " does not exist in hosted zone " + s.hostedZoneId());
      }
      List<String> values = DnsAws.values(rs.get());
      if (!values.equals(List.of(s.ip()))) {
        nextApiCheck = now;
        return MonitorResult.error(AwsCodes.RECORD_OTHER_IP, "the A record " + s.recordName()
            + " holds " + values + " instead of " + s.ip());
      }
      nextApiCheck = now + apiInterval.toNanos();
      return MonitorResult.normal();
    }).recover(t -> {
      if (throttled(t)) {
        backoff = Math.min(backoff * 2, MAX_BACKOFF_FACTOR);
        nextApiCheck = now + apiInterval.toNanos() * backoff;
      } else {
        nextApiCheck = now;
      }
      return Future.succeededFuture(policy.result(t, "record check", false));
    });
  }

  private Future<MonitorResult> resolve() {
    String name = s.recordName().endsWith(".")
        ? s.recordName().substring(0, s.recordName().length() - 1) : s.recordName();
    return resolver.lookup4(name).map(ip -> {
      if (ip == null) {
        return MonitorResult.error(AwsCodes.RESOLUTION_FAILED, name + " did not resolve to any IPv4 address");
      }
      if (!ip.equals(s.ip())) {
        return MonitorResult.error(AwsCodes.RESOLVED_OTHER_IP, name + " resolved to " + ip
            + " instead of " + s.ip());
      }
      return MonitorResult.normal();
    }).otherwise(t -> MonitorResult.error(AwsCodes.RESOLUTION_FAILED, "could not resolve " + name + ": "
        + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage())));
  }

  private static boolean throttled(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (AwsFailures.throttling(c)) {
        return true;
      }
    }
    return false;
  }

  /** Current pause multiplier after throttling (1 = none); for tests and status. */
  int backoffFactor() {
    return backoff;
  }
}
