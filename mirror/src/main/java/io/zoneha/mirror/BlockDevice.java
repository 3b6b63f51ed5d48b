package io.zoneha.mirror;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;

/**
 * What an export serves: a fixed-size array of bytes. Every call is non-blocking; failures are
 * {@link io.zoneha.mirror.replication.MirrorIoException}s whose kind maps to an NBD errno.
 */
public interface BlockDevice {
  long size();

  int blockSize();

  /** The caller releases the returned buffer. */
  CompletableFuture<ByteBuf> read(long offset, int length);

  /** Takes ownership of {@code data}. {@code fua}: durable on every copy before completion. */
  CompletableFuture<Void> write(long offset, ByteBuf data, boolean fua);

  CompletableFuture<Void> writeZeroes(long offset, long length, boolean fua);

  CompletableFuture<Void> flush();

  /**
   * The event loop the device does its work on, or null. An export serving the device from this
   * loop hands each request over and gets each completion back without waking another thread.
   */
  default EventLoopGroup eventLoop() {
    return null;
  }
}
