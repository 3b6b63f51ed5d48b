package io.zoneha.mirror;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;

/**
 * How big the buffers are that the NBD and mirror sockets read into. Large payloads are still
 * composed from several reads, so the cap only trades a few more read calls for buffers the
 * allocator keeps and reuses.
 */
public final class SocketReads {
  /**
   * Netty's default (adaptive) allocator pools buffers only up to 1/8 of its chunk size: 256 KiB
   * when the JVM's direct memory is at most 512 MiB, else 1 MiB. A bigger read buffer is a fresh
   * direct allocation each time, which the JDK zero-fills and the kernel page-faults in; measured
   * with 1 MiB reads that cost more CPU than the socket copy itself.
   */
  static final int MAX_READ = 128 << 10;

  private SocketReads() {}

  public static RecvByteBufAllocator allocator() {
    return new AdaptiveRecvByteBufAllocator(512, 65536, MAX_READ);
  }
}
