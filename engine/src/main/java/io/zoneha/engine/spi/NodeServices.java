package io.zoneha.engine.spi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Objects shared by all drivers of one node (for example one AWS client per node), created on
 * first use and closed when the node stops.
 */
public final class NodeServices implements AutoCloseable {
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

  public <T> T get(Class<T> key, Supplier<? extends T> factory) {
    return key.cast(services.computeIfAbsent(key, k -> factory.get()));
  }

  /** Replaces the implementation of a service, for tests and the emulator-backed demo. */
  public <T> void put(Class<T> key, T value) {
    services.put(key, value);
  }

  @Override
  public void close() {
    for (Object s : services.values()) {
      if (s instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing is best effort at shutdown
        }
      }
    }
    services.clear();
  }
}
