package io.zoneha.engine.spi;

import io.vertx.core.Future;
import java.util.Map;

/**
 * Brings one resource up or down on this node. Both calls must be idempotent (activating an
 * active resource succeeds) and must never block the calling event loop. Failures are reported
 * as a failed future carrying an {@link ActionFailure}.
 */
public interface ResourceDriver {
  Future<Void> activate(Reason reason);

  Future<Void> deactivate(Reason reason);

  /**
   * What the resource reports for status beyond its state (md: role, disk and peer state, sync
   * progress). Plain values only (String, Number, Boolean); cheap and non-blocking, called
   * about once a second; empty when there is nothing to add.
   */
  default Map<String, Object> details() {
    return Map.of();
  }

  /**
   * Runs an operator action named in {@code op.op()}; fails with an {@link ActionFailure} (code
   * 98) when the type has no such action. Must not block the calling event loop.
   */
  default Future<ResourceOperation.Result> operate(ResourceOperation op) {
    return Future.failedFuture(new ActionFailure(98, "this resource type has no operation '" + op.op() + "'",
        ActionFailure.Scope.GIVE_UP));
  }

  /** Releases sockets, clients, timers. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
