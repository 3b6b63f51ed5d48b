package io.zoneha.resources.aws;

import io.vertx.core.Future;

/**
 * The port to this host's interface addresses, used by awsvip to add and remove the VIP. The
 * shipped implementation runs the {@code ip} command; tests and demos use an in-memory one.
 */
public interface LocalAddresses {
  /** True when {@code ip} is configured on {@code device}. */
  Future<Boolean> has(String device, String ip);

  /** Adds {@code ip/32}; succeeds when it is already there. */
  Future<Void> add(String device, String ip);

  /** Removes {@code ip/32}; succeeds when it is not there. */
  Future<Void> remove(String device, String ip);
}
