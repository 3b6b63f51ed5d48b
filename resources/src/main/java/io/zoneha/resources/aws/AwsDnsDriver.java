package io.zoneha.resources.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zoneha.engine.spi.Reason;
import io.zoneha.engine.spi.ResourceDriver;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Points an A record at this server: UPSERT, then wait until Route 53 reports INSYNC. */
public final class AwsDnsDriver implements ResourceDriver {
  /** Route 53 usually propagates within 60 s; give it three times that before calling it a timeout. */
  public static final Duration MAX_INSYNC_WAIT = Duration.ofMinutes(3);
  private static final Logger LOG = LoggerFactory.getLogger(AwsDnsDriver.class);
  private final String name;
  private final DnsSettings s;
  private final DnsAws route53;
  private final Duration maxWait;

  public AwsDnsDriver(Vertx vertx, String name, DnsSettings settings, AwsClients aws, Duration maxWait) {
    this.name = name;
    this.s = settings;
    this.route53 = new DnsAws(vertx, aws);
    this.maxWait = maxWait;
  }

  @Override
  public Future<Void> activate(Reason reason) {
    return route53.upsert(s)
        .compose(id -> route53.awaitInsync(id, maxWait))
        .onSuccess(v -> LOG.info("{}: {} A {} is in sync ({})", name, s.recordName(), s.ip(), reason));
  }

  /** Deletes the record only when it still holds this server's address. */
  @Override
  public Future<Void> deactivate(Reason reason) {
    if (!s.deleteRecordOnDeactivation()) {
      return Future.succeededFuture();
    }
    return route53.record(s.hostedZoneId(), s.recordName()).compose(rs -> {
      if (rs.isEmpty() || !DnsAws.values(rs.get()).equals(List.of(s.ip()))) {
        return Future.<Void>succeededFuture();
      }
      return route53.delete(s.hostedZoneId(), rs.get());
    }).onSuccess(v -> LOG.info("{}: {} released ({})", name, s.recordName(), reason));
  }
}
