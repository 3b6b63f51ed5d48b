package io.zoneha.monitors.aws;

import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.MonitorContext;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorType;
import io.zoneha.resources.aws.AwsClients;
import io.zoneha.resources.aws.AwsDnsType;
import io.zoneha.resources.aws.DnsAws;
import io.zoneha.resources.aws.DnsSettings;
import io.zoneha.resources.aws.ParamChecks;
import java.time.Duration;
import java.util.List;

/** {@code awsdnsw}: the record exists and names this server; optionally, it resolves to this server. */
public final class AwsDnswType implements MonitorType {
  public static final Duration DEFAULT_API_CHECK_INTERVAL = Duration.ofSeconds(30);

  @Override
  public String type() {
    return AwsDnsType.MONITOR_TYPE;
  }

  @Override
  public List<FieldProblem> validate(Params params) {
    return new ParamChecks(params).required("resource", s -> !s.isBlank(), "the name of an awsdns resource")
        .bool("checkResolution").duration("apiCheckInterval")
        .optional("resolver", AwsDnswType::isHostPort, "host:port of a DNS server, like 127.0.0.1:53")
        .oneOf(NoResponsePolicy.KEY, NoResponsePolicy.NAMES).problems();
  }

  static boolean isHostPort(String v) {
    int colon = v.lastIndexOf(':');
    if (colon <= 0) {
      return false;
    }
    try {
      int port = Integer.parseInt(v.substring(colon + 1));
      return port > 0 && port < 65536;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public MonitorDriver create(MonitorContext ctx) {
    DnsSettings s = DnsSettings.from(WatchedResource.paramsFor(ctx, AwsDnsType.TYPE));
    AwsClients aws = AwsClients.forNode(ctx.services(), ctx.vertx(), ctx.cluster().aws());
    Params p = ctx.params();
    DnsClient resolver = null;
    if (p.bool("checkResolution", true)) {
      long timeoutMs = Math.min(ctx.monitor().timeout().toMillis(), 5000);
      DnsClientOptions o = new DnsClientOptions().setQueryTimeout(timeoutMs);
      p.optString("resolver").ifPresent(r -> {
        int colon = r.lastIndexOf(':');
        o.setHost(r.substring(0, colon)).setPort(Integer.parseInt(r.substring(colon + 1)));
      });
      resolver = ctx.vertx().createDnsClient(o);
    }
    return new DnsWatch(s, new DnsAws(ctx.vertx(), aws), resolver,
        p.duration("apiCheckInterval", DEFAULT_API_CHECK_INTERVAL), NoResponsePolicy.from(p), System::nanoTime);
  }
}
