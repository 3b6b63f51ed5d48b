package io.zoneha.mirror.nbd;

import io.netty.buffer.ByteBuf;

/** One transmission-phase request; {@code data} is set for WRITE and owned by the request. */
record NbdRequest(int flags, int type, long handle, long offset, long length, ByteBuf data) {
  boolean fua() {
    return (flags & NbdProtocol.CMD_FLAG_FUA) != 0;
  }
}
