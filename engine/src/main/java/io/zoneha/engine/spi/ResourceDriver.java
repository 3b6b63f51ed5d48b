package io.zoneha.engine.spi;

import io.vertx.core.Future;

/**
 * Brings one resource up or down on this node. Both calls must be idempotent (activating an
 * active resource succeeds) and must never block the calling event loop. Failures are reported
 * as a failed future carrying an {@link ActionFailure}.
 */
public interface ResourceDriver {
  Future<Void> activate(Reason reason);

  Future<Void> deactivate(Reason reason);

  /** Releases sockets, clients, timers. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
