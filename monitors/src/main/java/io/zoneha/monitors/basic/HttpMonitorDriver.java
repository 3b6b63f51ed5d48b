package io.zoneha.monitors.basic;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import java.time.Duration;

/**
 * One GET per check with the Vert.x HTTP client. Keep-alive is off so every check opens a new
 * connection, as a new client would: a listener that stopped accepting is noticed even while an
 * old connection still works. Only the status line matters; the body is not read.
 */
public final class HttpMonitorDriver implements MonitorDriver {
  private final HttpParams params;
  private final HttpClient client;
  private final long timeoutMs;

  public HttpMonitorDriver(Vertx vertx, HttpParams params, Duration timeout) {
    this.params = params;
    this.timeoutMs = (timeout == null ? MonitorConfig.DEFAULT_TIMEOUT : timeout).toMillis();
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setKeepAlive(false)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs)));
  }

  @Override
  public Future<MonitorResult> check() {
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(params.url())
        .setConnectTimeout(timeoutMs)
        .setIdleTimeout(timeoutMs);
    return client.request(request)
        .compose(req -> req.send())
        .map(this::judge)
        .otherwise(t -> MonitorResult.error(MonitorErrors.HTTP_CHECK,
            "GET " + params.url() + " failed: " + describe(t)));
  }

  private MonitorResult judge(HttpClientResponse response) {
    int status = response.statusCode();
    // the status is all we need: drop the connection rather than wait for a body of any size
    response.exceptionHandler(ignored -> { });
    response.request().reset();
    if (status == params.expectStatus()) {
      return MonitorResult.normal();
    }
    return MonitorResult.error(MonitorErrors.HTTP_CHECK, "GET " + params.url() + " answered status "
        + status + ", expected " + params.expectStatus());
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
