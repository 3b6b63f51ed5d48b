package io.zoneha.mirror.nbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zoneha.mirror.BlockDevice;
import io.zoneha.mirror.replication.MirrorIoException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The NBD server against a raw client: negotiation, pipelining, and every kind of bad request. */
@Timeout(30)
class NbdProtocolTest {
  private static final int SIZE = 1 << 20;
  private final MemoryDevice device = new MemoryDevice();
  private NbdServer server;

  /** A RAM device that can be switched to secondary. */
  static final class MemoryDevice implements BlockDevice {
    final byte[] bytes = new byte[SIZE];
    boolean primary = true;

    @Override
    public long size() {
      return SIZE;
    }

    @Override
    public int blockSize() {
      return 4096;
    }

    @Override
    public synchronized CompletableFuture<ByteBuf> read(long offset, int length) {
      return CompletableFuture.completedFuture(Unpooled.copiedBuffer(bytes, (int) offset, length));
    }

    @Override
    public synchronized CompletableFuture<Void> write(long offset, ByteBuf data, boolean fua) {
      try {
        if (!primary) {
          return CompletableFuture.failedFuture(new MirrorIoException(MirrorIoException.Kind.NOT_PRIMARY, "secondary"));
        }
        data.getBytes(data.readerIndex(), bytes, (int) offset, data.readableBytes());
        return CompletableFuture.completedFuture(null);
      } finally {
        data.release();
      }
    }

    @Override
    public synchronized CompletableFuture<Void> writeZeroes(long offset, long length, boolean fua) {
      java.util.Arrays.fill(bytes, (int) offset, (int) (offset + length), (byte) 0);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> flush() {
      return CompletableFuture.completedFuture(null);
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = NbdServer.start(device, new InetSocketAddress("127.0.0.1", 0), "disk1");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RawNbdClient connected() throws Exception {
    RawNbdClient c = new RawNbdClient(server.address());
    int flags = c.greet();
    assertEquals(NbdProtocol.FLAG_FIXED_NEWSTYLE | NbdProtocol.FLAG_NO_ZEROES, flags);
    assertEquals(SIZE, c.go());
    return c;
  }

  @Test
  void negotiationOptions() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.address())) {
      c.greet();
      c.option(NbdProtocol.OPT_LIST, new byte[0]);
      RawNbdClient.OptReply r = c.optReply();
      assertEquals(NbdProtocol.REP_SERVER, r.type());
      assertEquals("disk1", new String(r.data(), 4, r.data().length - 4, StandardCharsets.UTF_8));
      assertEquals(NbdProtocol.REP_ACK, c.optReply().type());

      c.option(NbdProtocol.OPT_INFO, RawNbdClient.goData("nope"));
      assertEquals(NbdProtocol.REP_ERR_UNKNOWN, c.optReply().type());
      c.option(NbdProtocol.OPT_INFO, new byte[] {0, 0, 0, 9, 'x'});
      assertEquals(NbdProtocol.REP_ERR_INVALID, c.optReply().type());
      c.option(8, new byte[0]); // structured replies: not offered
      assertEquals(NbdProtocol.REP_ERR_UNSUP, c.optReply().type());

      c.option(NbdProtocol.OPT_INFO, RawNbdClient.goData("disk1", NbdProtocol.INFO_BLOCK_SIZE));
      RawNbdClient.OptReply exp = c.optReply();
      assertEquals(NbdProtocol.REP_INFO, exp.type());
      RawNbdClient.OptReply bs = c.optReply();
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bs.data());
      assertEquals(NbdProtocol.INFO_BLOCK_SIZE, b.getShort());
      assertEquals(1, b.getInt());
      assertEquals(4096, b.getInt());
      assertEquals(NbdProtocol.REP_ACK, c.optReply().type());

      c.option(NbdProtocol.OPT_ABORT, new byte[0]);
      assertEquals(NbdProtocol.REP_ACK, c.optReply().type());
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void exportNameFallbackEntersTransmission() throws Exception {
    try (RawNbdClient c = new RawNbdClient(server.address())) {
      c.greet();
      c.option(NbdProtocol.OPT_EXPORT_NAME, "disk1".getBytes(StandardCharsets.UTF_8));
      assertEquals(SIZE, c.in.readLong());
      int flags = c.in.readUnsignedShort();
      assertEquals(NbdProtocol.TRANSMISSION_FLAGS, flags);
      c.request(0, NbdProtocol.CMD_FLUSH, 5, 0, 0, null);
      c.out.flush();
      assertEquals(new RawNbdClient.Reply(0, 5), c.reply());
    }
  }

  @Test
  void pipelinedRequestsAllAnsweredByHandle() throws Exception {
    try (RawNbdClient c = connected()) {
      int n = 200;
      for (int i = 0; i < n; i++) {
        byte[] d = new byte[512];
        java.util.Arrays.fill(d, (byte) i);
        c.request(i % 2 == 0 ? NbdProtocol.CMD_FLAG_FUA : 0, NbdProtocol.CMD_WRITE, i, i * 512L, 512, d);
      }
      c.out.flush();
      Set<Long> handles = new HashSet<>();
      for (int i = 0; i < n; i++) {
        RawNbdClient.Reply r = c.reply();
        assertEquals(0, r.error());
        handles.add(r.handle());
      }
      assertEquals(n, handles.size());
      c.request(0, NbdProtocol.CMD_READ, 999, 7 * 512L, 512, null);
      c.out.flush();
      assertEquals(new RawNbdClient.Reply(0, 999), c.reply());
      byte[] back = new byte[512];
      c.readFully(back);
      byte[] expect = new byte[512];
      java.util.Arrays.fill(expect, (byte) 7);
      assertArrayEquals(expect, back);
      c.request(0, NbdProtocol.CMD_DISC, 0, 0, 0, null);
      c.out.flush();
      assertTrue(c.closedByServer());
    }
  }

  @Test
  void badRequestsGetAnErrnoAndChangeNothing() throws Exception {
    try (RawNbdClient c = connected()) {
      Map<Long, Integer> expected = new HashMap<>();
      c.request(0, NbdProtocol.CMD_READ, 1, SIZE - 100, 200, null); // past the end
      expected.put(1L, NbdProtocol.EINVAL);
      c.request(0, NbdProtocol.CMD_WRITE, 2, SIZE - 100, 200, new byte[200]); // past the end
      expected.put(2L, NbdProtocol.ENOSPC);
      c.request(0, 99, 3, 0, 0, null); // unknown command
      expected.put(3L, NbdProtocol.EINVAL);
      c.request(0x80, NbdProtocol.CMD_FLUSH, 4, 0, 0, null); // unknown flag
      expected.put(4L, NbdProtocol.EINVAL);
      c.request(0, NbdProtocol.CMD_READ, 5, 0, 64 << 20, null); // oversize read
      expected.put(5L, NbdProtocol.EINVAL);
      c.request(0, NbdProtocol.CMD_WRITE_ZEROES, 6, -1L, 10, null); // negative offset
      expected.put(6L, NbdProtocol.ENOSPC);
      c.out.flush();
      for (int i = 0; i < expected.size(); i++) {
        RawNbdClient.Reply r = c.reply();
        assertEquals(expected.get(r.handle()), r.error(), "handle " + r.handle());
      }
      device.primary = false;
      c.request(0, NbdProtocol.CMD_WRITE, 7, 0, 4, new byte[] {1, 2, 3, 4});
      c.out.flush();
      assertEquals(new RawNbdClient.Reply(NbdProtocol.EPERM, 7), c.reply());
      assertArrayEquals(new byte[SIZE], device.bytes, "nothing was written");
    }
  }

  @Test
  void badMagicOrOversizeWriteClosesTheConnection() throws Exception {
    try (RawNbdClient c = connected()) {
      c.out.writeInt(0x12345678);
      c.out.write(new byte[24]);
      c.out.flush();
      assertTrue(c.closedByServer());
    }
    try (RawNbdClient c = connected()) {
      c.request(0, NbdProtocol.CMD_WRITE, 1, 0, 64 << 20, null);
      c.out.flush();
      assertTrue(c.closedByServer());
    }
    try (RawNbdClient c = new RawNbdClient(server.address())) {
      c.greet();
      c.out.writeLong(0x1122334455667788L); // not IHAVEOPT
      c.out.write(new byte[8]);
      c.out.flush();
      assertTrue(c.closedByServer());
    }
    assertArrayEquals(new byte[SIZE], device.bytes, "nothing was written");
  }
}
