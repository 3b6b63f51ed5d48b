package io.zoneha.engine.spi;

import io.vertx.core.Future;

/**
 * One check of one monitor. The scheduler calls {@link #check()} every interval, applies the
 * timeout and the retry count; a check must never block the event loop.
 */
public interface MonitorDriver {
  Future<MonitorResult> check();

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
