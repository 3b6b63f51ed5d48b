package io.zoneha.mirror.replication;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/** A foreground request queued for the mirror thread. */
sealed interface Op {
  CompletableFuture<Void> done();

  /** Bytes of the device this op changes, or 0. */
  default long length() {
    return 0;
  }

  default long offset() {
    return 0;
  }

  /** {@code data} is owned by the op and released once written. */
  record Write(long offset, ByteBuf data, boolean fua, CompletableFuture<Void> done) implements Op {
    @Override
    public long length() {
      return data.readableBytes();
    }
  }

  record Zero(long offset, long length, boolean fua, CompletableFuture<Void> done) implements Op {}

  record Flush(CompletableFuture<Void> done) implements Op {}
}
