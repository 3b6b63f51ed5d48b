package io.zoneha.resources.aws;

import io.vertx.core.Future;

/** Used when {@code addLocalAddress: false}: nothing is added, and the VIP always counts as present. */
public final class NoLocalAddresses implements LocalAddresses {
  public static final NoLocalAddresses INSTANCE = new NoLocalAddresses();

  private NoLocalAddresses() {}

  @Override
  public Future<Boolean> has(String device, String ip) {
    return Future.succeededFuture(true);
  }

  @Override
  public Future<Void> add(String device, String ip) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> remove(String device, String ip) {
    return Future.succeededFuture();
  }
}
