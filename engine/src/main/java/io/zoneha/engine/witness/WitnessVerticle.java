package io.zoneha.engine.witness;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.WitnessMessages;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.NpTarget;
import io.zoneha.engine.config.ServerConfig;
import io.zoneha.engine.status.StatusParts;
import io.zoneha.engine.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of the witness: reports to the witness every heartbeat interval (the witness
 * heartbeat), keeps its latest authentic answer, and tells the membership verticle what it knows
 * on {@link Addresses#WITNESS_QUERY}.
 */
public final class WitnessVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(WitnessVerticle.class);
  /** Reports still waiting for an answer beyond this are not worth adding to. */
  private static final int MAX_IN_FLIGHT = 4;

  private final ClusterConfig config;
  private final String self;
  private final NpTarget.Witness target;
  private final Clock clock;
  private final WitnessProtocol protocol;
  private final String where;
  private HttpClient http;
  private int inFlight;
  private long lastOkSentAt = Long.MIN_VALUE;
  private long lastAnswerAt;
  private WitnessProtocol.Answer lastAnswer;
  private String lastError = "no report sent yet";
  private Boolean reachable;

  public WitnessVerticle(ClusterConfig config, String self, NpTarget.Witness target, Clock clock) {
    this.config = config;
    this.self = self;
    this.target = target;
    this.clock = clock;
    this.protocol = new WitnessProtocol(config.secret());
    this.where = (target.ssl() ? "https://" : "http://") + target.target() + ":" + target.port();
  }

  @Override
  public Future<?> start() {
    http = vertx.createHttpClient(new HttpClientOptions().setSsl(target.ssl()).setKeepAlive(false));
    vertx.eventBus().<WitnessMessages.Query>localConsumer(Addresses.WITNESS_QUERY, m -> m.reply(view()));
    vertx.setPeriodic(0, config.heartbeat().interval().toMillis(), id -> report());
    log.info("reporting to the witness at {} every {} ms", where, config.heartbeat().interval().toMillis());
    publish();
    return Future.succeededFuture();
  }

  private void report() {
    if (inFlight >= MAX_IN_FLIGHT) {
      return;
    }
    inFlight++;
    long sentAt = clock.monoMillis();
    String nonce = WitnessProtocol.newNonce();
    String body = protocol.sealReport(new WitnessProtocol.Report(config.name(), self, clock.wallMillis(), nonce));
    // a late answer is worthless: the lease it grants starts when the report left
    long timeout = Math.min(target.timeout().toMillis(), config.heartbeat().timeout().toMillis());
    RequestOptions ro = new RequestOptions().setMethod(HttpMethod.valueOf(WitnessProtocol.METHOD))
        .setHost(target.target()).setPort(target.port()).setURI(WitnessProtocol.PATH).setTimeout(timeout)
        .putHeader("Content-Type", "text/plain; charset=utf-8");
    http.request(ro)
        .compose(req -> req.send(body))
        .compose(resp -> resp.statusCode() == 200 ? resp.body()
            : Future.failedFuture("HTTP " + resp.statusCode() + (resp.statusCode() == 401 ? " (wrong cluster secret or clock?)" : "")))
        .map(b -> {
          try {
            return protocol.openAnswer(b.toString(), nonce);
          } catch (WitnessProtocol.Rejected e) {
            throw new IllegalStateException("answer refused: " + e.getMessage());
          }
        })
        .onComplete(ar -> {
          inFlight--;
          if (ar.succeeded()) {
            answered(sentAt, ar.result());
          } else {
            failed(String.valueOf(ar.cause().getMessage()));
          }
        });
  }

  private void answered(long sentAt, WitnessProtocol.Answer a) {
    if (sentAt > lastOkSentAt) {
      lastOkSentAt = sentAt;
      lastAnswer = a;
      lastAnswerAt = clock.monoMillis();
    }
    if (!Boolean.TRUE.equals(reachable)) {
      reachable = true;
      lastError = "";
      log.info("the witness at {} answers", where);
      publish();
    }
  }

  private void failed(String why) {
    lastError = why;
    if (!Boolean.FALSE.equals(reachable)) {
      reachable = false;
      log.warn("no answer from the witness at {}: {}", where, why);
      publish();
    }
  }

  /** What the latest answer says as of now; silences only grow since it came. */
  WitnessMessages.View view() {
    long now = clock.monoMillis();
    long contactAge = lastOkSentAt == Long.MIN_VALUE ? Long.MAX_VALUE : now - lastOkSentAt;
    Map<String, Long> silence = new HashMap<>();
    if (lastAnswer != null) {
      long since = now - lastAnswerAt;
      for (ServerConfig s : config.servers()) {
        Long ago = lastAnswer.heardAgo().get(s.name());
        // a server the witness never heard has been silent at least since the witness started
        silence.put(s.name(), (ago != null ? ago : lastAnswer.uptime()) + since);
      }
    }
    return new WitnessMessages.View(contactAge, silence, where + (lastError.isEmpty() ? "" : " (" + lastError + ")"));
  }

  private void publish() {
    vertx.eventBus().publish(Addresses.STATUS_PART,
        new StatusParts.Witness(where, Boolean.TRUE.equals(reachable), lastError));
  }

  @Override
  public Future<?> stop() {
    return http == null ? Future.succeededFuture() : http.close();
  }
}
