package io.zoneha.resources.aws;

import io.vertx.core.Future;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Addresses kept in a set: for tests, and for demos that run several nodes on one host. */
public final class InMemoryLocalAddresses implements LocalAddresses {
  private final Set<String> addresses = ConcurrentHashMap.newKeySet();

  @Override
  public Future<Boolean> has(String device, String ip) {
    return Future.succeededFuture(addresses.contains(device + "/" + ip));
  }

  @Override
  public Future<Void> add(String device, String ip) {
    addresses.add(device + "/" + ip);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> remove(String device, String ip) {
    addresses.remove(device + "/" + ip);
    return Future.succeededFuture();
  }
}
