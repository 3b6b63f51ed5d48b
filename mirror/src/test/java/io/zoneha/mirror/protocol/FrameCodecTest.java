package io.zoneha.mirror.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
  private static final int MAX = 1 << 20;

  private static ByteBuf encode(Frame f) {
    EmbeddedChannel enc = new EmbeddedChannel(new FrameEncoder());
    enc.writeOutbound(f);
    ByteBuf out = Unpooled.buffer();
    for (Object o = enc.readOutbound(); o != null; o = enc.readOutbound()) {
      ByteBuf b = (ByteBuf) o;
      out.writeBytes(b);
      b.release();
    }
    return out;
  }

  private static Frame write(long id, long off, String text, int flags) {
    return new Frame(FrameType.WRITE, flags, id, off, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  @Test
  void roundTripsEveryFieldEvenWhenSplitIntoSingleBytes() {
    ByteBuf wire = encode(write(42, 8192, "hello mirror", Frame.FLAG_FUA));
    assertEquals(Frame.HEADER_SIZE + 12, wire.readableBytes());
    EmbeddedChannel dec = new EmbeddedChannel(new FrameDecoder(MAX));
    while (wire.isReadable()) {
      dec.writeInbound(wire.readRetainedSlice(1));
    }
    wire.release();
    Frame f = dec.readInbound();
    assertEquals(FrameType.WRITE, f.type());
    assertEquals(42, f.requestId());
    assertEquals(8192, f.offset());
    assertTrue(f.has(Frame.FLAG_FUA));
    assertEquals("hello mirror", f.payload().toString(StandardCharsets.UTF_8));
    f.release();
    assertNull(dec.readInbound());
    assertFalse(dec.finish());
  }

  @Test
  void severalFramesInOneBuffer() {
    ByteBuf wire = Unpooled.buffer();
    for (int i = 0; i < 5; i++) {
      ByteBuf one = encode(i % 2 == 0 ? write(i, i * 4096L, "x" + i, 0) : Frame.of(FrameType.WRITE_ACK, i));
      wire.writeBytes(one);
      one.release();
    }
    EmbeddedChannel dec = new EmbeddedChannel(new FrameDecoder(MAX));
    dec.writeInbound(wire);
    for (int i = 0; i < 5; i++) {
      Frame f = dec.readInbound();
      assertEquals(i, f.requestId());
      f.release();
    }
  }

  /** Each case corrupts one field of a valid frame; the error names the field, nothing passes. */
  @Test
  void malformedFramesNameTheFieldAndCloseTheConnection() {
    assertRejected("magic", b -> b.setInt(0, 0x12345678));
    assertRejected("version", b -> b.setByte(4, 9));
    assertRejected("type", b -> b.setByte(5, 99));
    assertRejected("flags", b -> b.setShort(6, 0x80));
    assertRejected("offset", b -> b.setLong(16, -5));
    assertRejected("length", b -> b.setInt(24, MAX + 1));
    assertRejected("crc", b -> b.setByte(Frame.HEADER_SIZE + 2, 'X'));
    assertRejected("crc", b -> b.setLong(8, 43)); // request id changed after the checksum
  }

  private static void assertRejected(String field, Consumer<ByteBuf> corrupt) {
    ByteBuf wire = encode(write(42, 8192, "payload", Frame.FLAG_FUA));
    corrupt.accept(wire);
    List<Throwable> errors = new ArrayList<>();
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX),
        new ProtocolErrorHandler(errors::add));
    ch.writeInbound(wire);
    assertNull(ch.readInbound(), field + ": nothing may pass a bad frame");
    assertEquals(1, errors.size(), field);
    FrameException e = assertInstanceOf(FrameException.class, errors.get(0));
    assertEquals(field, e.field());
    assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    assertFalse(ch.isOpen(), field + ": connection closed");
    ch.finishAndReleaseAll();
  }

  @Test
  void inputAfterABadFrameIsDropped() {
    ByteBuf bad = encode(write(1, 0, "a", 0));
    bad.setInt(0, 7);
    ByteBuf good = encode(write(2, 0, "b", 0));
    EmbeddedChannel dec = new EmbeddedChannel(new FrameDecoder(MAX));
    assertThrows(DecoderException.class, () -> dec.writeInbound(bad));
    dec.writeInbound(good);
    assertNull(dec.readInbound());
  }

  @Test
  void helloRoundTripAndBadRoleIsNamed() {
    Hello h = new Hello(7, 1 << 20, 4096, 65536,
        io.zoneha.mirror.storage.Generations.of(1, 2, 3, 4),
        io.zoneha.mirror.storage.DiskRole.PRIMARY, io.zoneha.mirror.storage.DiskState.INCONSISTENT, 12);
    ByteBuf b = h.encode();
    assertEquals(h, Hello.decode(b.duplicate()));
    Hello paired = h.withPairing(true, InitialCopy.PEER);
    assertEquals(paired, Hello.decode(paired.encode()));
    // a first-release HELLO (no pairing byte) still decodes: not known blank, no choice
    Hello v1 = Hello.decode(h.encode().slice(0, Hello.SIZE_V1));
    assertEquals(h.withPairing(false, InitialCopy.UNSET), v1);
    ByteBuf badPairing = h.encode();
    badPairing.setByte(Hello.SIZE - 1, 0x40);
    assertEquals("hello.pairing", assertThrows(FrameException.class, () -> Hello.decode(badPairing)).field());
    b.setByte(Hello.SIZE_V1 - 6, 77);
    FrameException e = assertThrows(FrameException.class, () -> Hello.decode(b));
    assertEquals("hello.role", e.field());
    FrameException len = assertThrows(FrameException.class, () -> Hello.decode(Unpooled.buffer(3).writeZero(3)));
    assertEquals("hello.length", len.field());
  }
}
