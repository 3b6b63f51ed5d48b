package io.zoneha.engine.np;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.zoneha.engine.config.NpTarget;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network-partition resolution: can this node still reach the outside world? HTTP targets get a
 * HEAD request (reachable only on status 200); ping targets one ICMP echo through the system
 * {@code ping} (run on a worker thread).
 */
public final class NpChecker {
  private final Vertx vertx;
  private final List<NpTarget> targets;
  private final HttpClient http;
  private final HttpClient https;

  private final String sourceAddress;

  /** Checks leave from {@code sourceAddress} (this server's first interconnect), like its traffic. */
  public NpChecker(Vertx vertx, List<NpTarget> targets, String sourceAddress) {
    this.vertx = vertx;
    // a witness is not probed here: the witness verticle talks to it and the witness decider judges
    this.targets = targets.stream().filter(t -> !(t instanceof NpTarget.Witness)).toList();
    this.sourceAddress = sourceAddress;
    HttpClientOptions base = new HttpClientOptions().setKeepAlive(false).setLocalAddress(sourceAddress);
    this.http = vertx.createHttpClient(base);
    this.https = vertx.createHttpClient(new HttpClientOptions(base).setSsl(true));
  }

  /** Result of one round of checks; {@code detail} says what was tried and what happened. */
  public record Outcome(boolean reachable, String detail) {}

  /** Reachable when at least one target answers; with no targets configured, always reachable. */
  public Future<Outcome> check() {
    if (targets.isEmpty()) {
      return Future.succeededFuture(new Outcome(true, "no NP target configured"));
    }
    List<Future<Outcome>> all = targets.stream().map(this::checkOne).toList();
    return Future.join(all).transform(ar -> {
      StringBuilder detail = new StringBuilder();
      boolean any = false;
      for (Future<Outcome> f : all) {
        Outcome o = f.succeeded() ? f.result() : new Outcome(false, String.valueOf(f.cause().getMessage()));
        any |= o.reachable();
        detail.append(detail.length() == 0 ? "" : "; ").append(o.detail());
      }
      return Future.succeededFuture(new Outcome(any, detail.toString()));
    });
  }

  private Future<Outcome> checkOne(NpTarget t) {
    if (t instanceof NpTarget.Http h) {
      return head(h);
    }
    if (t instanceof NpTarget.Ping p) {
      return ping(p);
    }
    throw new IllegalStateException("not a probed NP target: " + t);
  }

  private Future<Outcome> head(NpTarget.Http h) {
    String what = (h.ssl() ? "https://" : "http://") + h.target() + ":" + h.port() + h.path();
    RequestOptions ro = new RequestOptions().setMethod(HttpMethod.HEAD).setHost(h.target()).setPort(h.port())
        .setURI(h.path()).setTimeout(h.timeout().toMillis());
    return (h.ssl() ? https : http).request(ro)
        .compose(req -> req.send())
        .map(resp -> new Outcome(resp.statusCode() == 200, "HEAD " + what + " -> " + resp.statusCode()))
        .otherwise(e -> new Outcome(false, "HEAD " + what + " failed: " + e.getMessage()));
  }

  private Future<Outcome> ping(NpTarget.Ping p) {
    long secs = Math.max(1, p.timeout().toSeconds());
    return vertx.executeBlocking(() -> {
      Process proc = new ProcessBuilder("ping", "-c", "1", "-W", String.valueOf(secs), "-I", sourceAddress, p.target())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!proc.waitFor(secs + 2, TimeUnit.SECONDS)) {
        proc.destroyForcibly();
        return new Outcome(false, "ping " + p.target() + " timed out");
      }
      return new Outcome(proc.exitValue() == 0, "ping " + p.target() + " exit " + proc.exitValue());
    }, false).otherwise(e -> new Outcome(false, "ping " + p.target() + " failed: " + e.getMessage()));
  }

  public Future<Void> close() {
    return Future.all(http.close(), https.close()).mapEmpty();
  }
}
