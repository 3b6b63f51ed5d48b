package io.zoneha.engine.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes immutable message records between verticles of one node without copying. These records
 * never leave the node (they are only sent to local addresses), so wire methods refuse to work.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {
  private final Class<T> type;

  private LocalCodec(Class<T> type) {
    this.type = type;
  }

  /** Registers the codec for every record type in the list. */
  public static void register(Vertx vertx, Class<?>... types) {
    for (Class<?> t : types) {
      registerOne(vertx, t);
    }
  }

  private static <T> void registerOne(Vertx vertx, Class<T> t) {
    vertx.eventBus().registerDefaultCodec(t, new LocalCodec<>(t));
  }

  @Override
  public void encodeToWire(Buffer buffer, T t) {
    throw new IllegalStateException(type.getName() + " is a node-local message and cannot cross nodes");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new IllegalStateException(type.getName() + " is a node-local message and cannot cross nodes");
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return "zoneha-local-" + type.getName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
