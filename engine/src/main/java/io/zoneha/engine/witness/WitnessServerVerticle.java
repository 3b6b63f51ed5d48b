package io.zoneha.engine.witness;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.zoneha.engine.time.Clock;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The witness service ({@code zoneha witness}): answers authenticated reports from cluster nodes
 * with what it last heard from every server of the reporter's cluster. It holds no other state and
 * takes no decision; the nodes decide with {@link WitnessDecider}.
 */
public final class WitnessServerVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(WitnessServerVerticle.class);
  private static final int REPLAY_CAPACITY = 100_000;

  /** Where to listen; {@code certFile}/{@code keyFile} both null for plain HTTP. */
  public record Settings(String host, int port, String secret, String certFile, String keyFile) {
    @Override
    public String toString() {
      return "Settings[host=" + host + ", port=" + port + ", secret=***, certFile=" + certFile + ", keyFile=" + keyFile + "]";
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final WitnessProtocol protocol;
  private final ReplayGuard replays = new ReplayGuard(WitnessProtocol.MAX_SKEW_MS, REPLAY_CAPACITY);
  private WitnessBook book;
  private HttpServer server;
  private long lastRefusalLog = Long.MIN_VALUE / 2;
  private long refusalsNotLogged;

  public WitnessServerVerticle(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.protocol = new WitnessProtocol(settings.secret());
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    book = new WitnessBook(clock.monoMillis());
    HttpServerOptions o = new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
        .setIdleTimeout(30).setMaxInitialLineLength(256).setMaxHeaderSize(4096);
    boolean tls = settings.certFile() != null;
    if (tls) {
      o.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(settings.certFile()).setKeyPath(settings.keyFile()));
    }
    server = vertx.createHttpServer(o).requestHandler(this::handle);
    return server.listen().onSuccess(s -> log.info("witness listening on {}://{}:{}", tls ? "https" : "http",
        settings.host(), s.actualPort()));
  }

  private void handle(HttpServerRequest req) {
    if (!WitnessProtocol.PATH.equals(req.path())) {
      req.response().setStatusCode(404).end();
      return;
    }
    if (req.method() != HttpMethod.POST) {
      req.response().setStatusCode(405).putHeader("Allow", "POST").end();
      return;
    }
    String length = req.getHeader("Content-Length");
    if (length == null || !length.matches("\\d{1,6}") || Integer.parseInt(length) > WitnessProtocol.MAX_BODY) {
      reject(req, 413, "body missing or larger than " + WitnessProtocol.MAX_BODY + " bytes");
      return;
    }
    req.body().onSuccess(b -> answer(req, b)).onFailure(e -> reject(req, 400, "body not read: " + e.getMessage()));
  }

  private void answer(HttpServerRequest req, Buffer body) {
    WitnessProtocol.Report r;
    try {
      r = protocol.openReport(req.method().name(), req.path(), body.toString(StandardCharsets.UTF_8));
    } catch (WitnessProtocol.Rejected e) {
      reject(req, 401, e.getMessage());
      return;
    }
    ReplayGuard.Verdict v = replays.check(r.nonce(), r.sentAt(), clock.wallMillis());
    if (v != ReplayGuard.Verdict.FRESH) {
      reject(req, 401, "report from " + r.server() + " of " + r.cluster() + " refused: " + v);
      return;
    }
    long now = clock.monoMillis();
    if (!book.heard(r.cluster(), r.server(), now)) {
      reject(req, 503, "witness remembers " + WitnessBook.MAX_SERVERS + " servers already");
      return;
    }
    String sealed = protocol.sealAnswer(new WitnessProtocol.Answer(r.nonce(), book.uptime(now), book.ages(r.cluster(), now)));
    req.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(sealed);
  }

  private void reject(HttpServerRequest req, int status, String why) {
    // the reason names the check that failed, never the body or the secret; at most one line a
    // second, so a stream of junk cannot fill the disk
    long now = clock.monoMillis();
    if (now - lastRefusalLog >= 1000) {
      log.warn("refused a request from {}: {}{}", req.remoteAddress(), why,
          refusalsNotLogged == 0 ? "" : " (" + refusalsNotLogged + " more refused since the last such line)");
      lastRefusalLog = now;
      refusalsNotLogged = 0;
    } else {
      refusalsNotLogged++;
    }
    req.response().setStatusCode(status).end();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
