package io.zoneha.resources.aws.emulator;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.zoneha.resources.aws.emulator.AwsError.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Routes each HTTP request to EC2, Route 53 or the admin API, applying fault rules on the way. */
final class EmulatorHttp {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AwsEmulator.class);
  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

  private final Vertx vertx;
  private final AwsEmulator emu;
  private final Ec2Api ec2;
  private final Route53Api route53;
  private final AdminApi admin;

  EmulatorHttp(Vertx vertx, AwsEmulator emu) {
    this.vertx = vertx;
    this.emu = emu;
    this.ec2 = new Ec2Api(emu.state);
    this.route53 = new Route53Api(emu.state);
    this.admin = new AdminApi(emu);
  }

  void handle(HttpServerRequest req) {
    req.body().onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("request {} {} lost its body: {}", req.method(), req.path(), ar.cause().toString());
        req.response().setStatusCode(400).end();
        return;
      }
      try {
        dispatch(req, ar.result().toString());
      } catch (RuntimeException e) {
        // every request gets an answer: a silent failure would leave the client hanging
        LOG.error("emulator failed on {} {}", req.method(), req.path(), e);
        if (!req.response().ended()) {
          req.response().setStatusCode(500).end("emulator failure: " + e);
        }
      }
    });
  }

  private void dispatch(HttpServerRequest req, String body) {
    if (req.path().startsWith("/_admin/")) {
      admin.handle(req, body);
    } else if (req.path().startsWith(Route53Api.PREFIX)) {
      route53(req, body);
    } else {
      ec2(req, body);
    }
  }

  /** The access key ID of a SigV4 Authorization header, or null when there is none. */
  static String caller(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return null;
    }
    Matcher m = CREDENTIAL.matcher(authorization);
    return m.find() ? m.group(1) : "unknown";
  }

  private void ec2(HttpServerRequest req, String body) {
    Map<String, String> params = new LinkedHashMap<>();
    new QueryStringDecoder(req.query() == null ? "" : req.query(), false).parameters()
        .forEach((k, v) -> params.put(k, v.get(0)));
    new QueryStringDecoder(body, false).parameters().forEach((k, v) -> params.put(k, v.get(0)));
    params.remove("Version");
    String action = params.getOrDefault("Action", "");
    QueryParams qp = new QueryParams(params);
    boolean mutating = Ec2Api.MUTATING.contains(action);
    serve(req, Service.EC2, action, params, mutating, () -> ec2.handle(action, qp));
  }

  private void route53(HttpServerRequest req, String body) {
    List<String> seg = Route53Api.segments(req.path());
    String op = Route53Api.operation(req.method().name(), seg);
    Map<String, String> params = new LinkedHashMap<>();
    req.params().forEach(e -> params.put(e.getKey(), e.getValue()));
    if (seg.size() >= 2) {
      params.put(seg.get(0).equals("change") ? "Id" : "HostedZoneId", seg.get(1));
    }
    if ("ChangeResourceRecordSets".equals(op)) {
      params.put("ChangeBatch", ChangeSummary.of(body));
    }
    String operation = op == null ? "Unknown" : op;
    serve(req, Service.ROUTE53, operation, params, "ChangeResourceRecordSets".equals(op), () -> {
      if (op == null) {
        throw new AwsError(404, "UnknownOperationException", "No operation at " + req.path());
      }
      return route53.handle(op, seg, params, body);
    });
  }

  private void serve(HttpServerRequest req, Service svc, String action, Map<String, String> params,
      boolean mutating, java.util.function.Supplier<String> call) {
    String caller = caller(req.getHeader("Authorization"));
    Faults.Verdict v = emu.faults.decide(svc, action, System.currentTimeMillis());
    Runnable run = () -> {
      int status = 200;
      String error = null;
      String xml;
      try {
        if (caller == null) {
          throw svc == Service.EC2
              ? new AwsError(401, "AuthFailure", "AWS was not able to validate the provided access credentials")
              : new AwsError(403, "MissingAuthenticationToken", "Missing Authentication Token");
        }
        if (v.errorCode() != null) {
          throw AwsError.injected(v.errorCode(), svc);
        }
        xml = call.get();
      } catch (AwsError e) {
        status = e.status;
        error = e.code;
        xml = svc == Service.EC2 ? Ec2Api.errorXml(e) : Route53Api.errorXml(e);
      } catch (RuntimeException e) {
        AwsError ie = new AwsError(500, svc == Service.EC2 ? "InternalError" : "InternalFailure",
            "emulator failure: " + e);
        status = 500;
        error = ie.code;
        xml = svc == Service.EC2 ? Ec2Api.errorXml(ie) : Route53Api.errorXml(ie);
      }
      CallLog.Entry e = emu.calls.add(svc.name().toLowerCase(), action,
          caller == null ? "anonymous" : caller, params, mutating, status, error);
      if (mutating) {
        LOG.info("#{} {} by {} -> {} {}", e.seq(), action, e.caller(), status, error == null ? params : error);
      }
      req.response().setStatusCode(status).putHeader("Content-Type", "text/xml;charset=UTF-8")
          .putHeader(svc == Service.EC2 ? "x-amzn-requestid" : "x-amz-request-id", UUID.randomUUID().toString())
          .end(xml);
    };
    if (v.latencyMs() > 0) {
      vertx.setTimer(v.latencyMs(), t -> {
        try {
          run.run();
        } catch (RuntimeException e) {
          LOG.error("emulator failed on delayed {}", action, e);
          req.response().setStatusCode(500).end();
        }
      });
    } else {
      run.run();
    }
  }
}
