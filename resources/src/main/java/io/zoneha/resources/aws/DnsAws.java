package io.zoneha.resources.aws;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.ActionFailure.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The Route 53 calls awsdns and awsdnsw make. */
public final class DnsAws {
  /** First wait between GetChange calls; doubles up to {@link #MAX_POLL}. */
  static final Duration FIRST_POLL = Duration.ofMillis(100);
  static final Duration MAX_POLL = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final AwsClients aws;
  private final AwsCodes.Family codes = AwsCodes.Family.STANDARD;

  public DnsAws(Vertx vertx, AwsClients aws) {
    this.vertx = vertx;
    this.aws = aws;
  }

  /** The A record set named {@code name}, if the zone has one. */
  public Future<Optional<ResourceRecordSet>> record(String zoneId, String name) {
    return aws.route53("ListResourceRecordSets " + zoneId + " " + name, codes,
            c -> c.listResourceRecordSets(b -> b.hostedZoneId(zoneId).startRecordName(name)
                .startRecordType(RRType.A).maxItems("1")))
        .map(r -> r.resourceRecordSets().stream()
            .filter(rs -> sameName(rs.name(), name) && rs.type() == RRType.A).findFirst());
  }

  static boolean sameName(String a, String b) {
    String x = a.endsWith(".") ? a : a + ".";
    String y = b.endsWith(".") ? b : b + ".";
    return x.equalsIgnoreCase(y);
  }

  public static List<String> values(ResourceRecordSet rs) {
    return rs.resourceRecords().stream().map(ResourceRecord::value).toList();
  }

  /** UPSERTs the A record and returns the change ID. */
  public Future<String> upsert(DnsSettings s) {
    Change ch = Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(rs -> rs
        .name(s.recordName()).type(RRType.A).ttl(s.ttl()).resourceRecords(rr -> rr.value(s.ip()))).build();
    return aws.route53("ChangeResourceRecordSets UPSERT " + s.recordName(), codes,
            c -> c.changeResourceRecordSets(b -> b.hostedZoneId(s.hostedZoneId())
                .changeBatch(cb -> cb.comment("ZoneHA activation").changes(ch))))
        .map(r -> r.changeInfo().id());
  }

  public Future<Void> delete(String zoneId, ResourceRecordSet current) {
    Change ch = Change.builder().action(ChangeAction.DELETE).resourceRecordSet(current).build();
    return aws.route53("ChangeResourceRecordSets DELETE " + current.name(), codes,
            c -> c.changeResourceRecordSets(b -> b.hostedZoneId(zoneId)
                .changeBatch(cb -> cb.comment("ZoneHA deactivation").changes(ch))))
        .mapEmpty();
  }

  /** Polls GetChange with growing pauses until INSYNC; error 6 when {@code maxWait} runs out. */
  public Future<Void> awaitInsync(String changeId, Duration maxWait) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    Promise<Void> done = Promise.promise();
    poll(changeId, deadline, FIRST_POLL, done);
    return done.future();
  }

  private void poll(String changeId, long deadline, Duration pause, Promise<Void> done) {
    aws.route53("GetChange " + changeId, codes, c -> c.getChange(b -> b.id(changeId)))
        .onFailure(done::fail)
        .onSuccess(r -> {
          if (r.changeInfo().status() == ChangeStatus.INSYNC) {
            done.complete();
          } else if (System.nanoTime() > deadline) {
            done.fail(new ActionFailure(codes.timeout(), "Route 53 change " + changeId
                + " was still PENDING when the wait ran out", Scope.RETRY_HERE));
          } else {
            Duration next = pause.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pause.multipliedBy(2);
            vertx.setTimer(pause.toMillis(), t -> poll(changeId, deadline, next, done));
          }
        });
  }
}
