package io.zoneha.mirror.replication;

import io.netty.buffer.ByteBuf;
import io.zoneha.mirror.protocol.Frame;
import io.zoneha.mirror.protocol.FrameType;
import io.zoneha.mirror.storage.ClusterPartition;
import io.zoneha.mirror.storage.DataStore;
import io.zoneha.mirror.storage.DiskRole;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The receiving side of the stream: applies the peer's WRITE / ZERO / FLUSH / VERIFY frames to
 * the local copy and builds the answer. A bad frame throws (the session is dropped); a local disk
 * error becomes an ERROR answer, which degrades the mirror on the sender.
 */
final class PeerApplier {
  static final int ERR_PRIMARY = 1;
  static final int ERR_IO = 5;

  /** The answer to send, the resync bytes applied (progress) and a problem to report, or null. */
  record Applied(Frame reply, long resyncBytes, String problem) {}

  private final String name;
  private final DataStore data;
  private final ClusterPartition meta;

  PeerApplier(String name, DataStore data, ClusterPartition meta) {
    this.name = name;
    this.data = data;
    this.meta = meta;
  }

  Applied write(Frame f) {
    if (meta.superblock().role() == DiskRole.PRIMARY) {
      // a primary never takes writes from anyone but its own clients
      return new Applied(Frame.error(f.requestId(), ERR_PRIMARY, name + " is primary and refuses replicated writes"),
          0, null);
    }
    if (f.type() == FrameType.ZERO && f.length() != 8) {
      throw new IllegalArgumentException("ZERO frame payload must be 8 bytes, got " + f.length());
    }
    long len = f.type() == FrameType.WRITE ? f.length() : f.payload().getLong(f.payload().readerIndex());
    if (len < 0 || f.offset() + len > data.size()) {
      throw new IllegalArgumentException("offset " + f.offset() + " length " + len + " outside the device");
    }
    try {
      if (f.type() == FrameType.WRITE) {
        data.write(f.offset(), f.payload().nioBuffers());
      } else {
        data.writeZeroes(f.offset(), len);
      }
      if (f.has(Frame.FLAG_FUA)) {
        data.flush();
      }
    } catch (IOException e) {
      String problem = "local disk error applying a peer write: " + e.getMessage();
      return new Applied(Frame.error(f.requestId(), ERR_IO, problem), 0, problem);
    }
    return new Applied(Frame.of(FrameType.WRITE_ACK, f.requestId()), f.has(Frame.FLAG_RESYNC) ? len : 0, null);
  }

  Frame flush(Frame f) {
    try {
      data.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Frame.of(FrameType.FLUSH_ACK, f.requestId());
  }

  Frame verify(Frame f) {
    int g = meta.bitmap().granularity();
    int count = f.length() / 4;
    if (f.offset() % g != 0 || f.length() % 4 != 0 || f.offset() / g + count > meta.bitmap().chunks()) {
      throw new IllegalArgumentException("VERIFY frame offset " + f.offset() + " length " + f.length() + " invalid");
    }
    ByteBuf diff = OnlineVerify.differing(data, meta.bitmap(), (int) (f.offset() / g), f.payload());
    return new Frame(FrameType.VERIFY_RESULT, 0, f.requestId(), f.offset(), diff);
  }
}
