package io.zoneha.engine.heartbeat;

import io.zoneha.engine.group.Claim;
import io.zoneha.engine.group.GroupState;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Heartbeat wire format, version 1, big endian:
 * <pre>
 * 0  'Z' 'H'  magic
 * 2  u8       version (1)
 * 3  u8       type (1 = heartbeat)
 * 4  u64      incarnation      12 u64 seq      20 u64 ackSeq
 * 28 str8     sender           str8 config fingerprint   u8 link   u8 flags
 *    u16      claim count, then per claim: str8 group, u8 state code, u64 epoch
 *    32 bytes HMAC-SHA256 over everything before it, keyed with the cluster secret
 * </pre>
 * str8 = u8 length + UTF-8 bytes. Decoding checks the MAC before trusting any field.
 */
public final class HeartbeatCodec {
  public static final int MAX_SIZE = 1400;
  private static final int MAC_LEN = 32;
  private static final byte VERSION = 1;
  private static final byte TYPE_HEARTBEAT = 1;

  private final SecretKeySpec key;

  public HeartbeatCodec(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public byte[] encode(HeartbeatPacket p) {
    ByteBuffer b = ByteBuffer.allocate(MAX_SIZE);
    b.put((byte) 'Z').put((byte) 'H').put(VERSION).put(TYPE_HEARTBEAT);
    b.putLong(p.incarnation()).putLong(p.seq()).putLong(p.ackSeq());
    putString(b, p.sender());
    putString(b, p.configFingerprint());
    b.put((byte) p.link()).put((byte) p.flags());
    b.putShort((short) p.claims().size());
    for (Map.Entry<String, Claim> c : p.claims().entrySet()) {
      putString(b, c.getKey());
      b.put((byte) c.getValue().state().code()).putLong(c.getValue().epoch());
    }
    if (b.remaining() < MAC_LEN) {
      throw new IllegalArgumentException("heartbeat too large: more than " + MAX_SIZE + " bytes");
    }
    int len = b.position();
    b.put(mac(b.array(), len));
    byte[] out = new byte[b.position()];
    System.arraycopy(b.array(), 0, out, 0, out.length);
    return out;
  }

  /** Decodes and authenticates; throws {@link MalformedHeartbeat} naming the bad byte or field. */
  public HeartbeatPacket decode(byte[] data) {
    if (data.length < 4 + MAC_LEN) {
      throw new MalformedHeartbeat("too short: " + data.length + " bytes");
    }
    if (data[0] != 'Z' || data[1] != 'H') {
      throw new MalformedHeartbeat(String.format("bad magic 0x%02x%02x at byte 0", data[0], data[1]));
    }
    if (data[2] != VERSION) {
      throw new MalformedHeartbeat("unsupported version " + data[2] + " at byte 2");
    }
    if (data[3] != TYPE_HEARTBEAT) {
      throw new MalformedHeartbeat("unknown type " + data[3] + " at byte 3");
    }
    int bodyLen = data.length - MAC_LEN;
    byte[] expected = mac(data, bodyLen);
    byte[] actual = new byte[MAC_LEN];
    System.arraycopy(data, bodyLen, actual, 0, MAC_LEN);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new MalformedHeartbeat("authentication failed (wrong cluster secret or altered packet)");
    }
    try {
      return body(ByteBuffer.wrap(data, 4, bodyLen - 4));
    } catch (BufferUnderflowException e) {
      throw new MalformedHeartbeat("truncated body (" + bodyLen + " bytes before the MAC)");
    }
  }

  private static HeartbeatPacket body(ByteBuffer b) {
    long incarnation = b.getLong();
    long seq = b.getLong();
    long ackSeq = b.getLong();
    String sender = getString(b, "sender");
    String fingerprint = getString(b, "config fingerprint");
    int link = Byte.toUnsignedInt(b.get());
    int flags = Byte.toUnsignedInt(b.get());
    int n = Short.toUnsignedInt(b.getShort());
    Map<String, Claim> claims = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String group = getString(b, "group name of claim " + i);
      int pos = b.position();
      int code = Byte.toUnsignedInt(b.get());
      GroupState state;
      try {
        state = GroupState.fromCode(code);
      } catch (IllegalArgumentException e) {
        throw new MalformedHeartbeat("unknown group state " + code + " at byte " + pos);
      }
      claims.put(group, new Claim(state, b.getLong()));
    }
    if (b.hasRemaining()) {
      throw new MalformedHeartbeat(b.remaining() + " unexpected bytes at byte " + b.position());
    }
    return new HeartbeatPacket(sender, link, incarnation, seq, ackSeq, fingerprint, flags, claims);
  }

  private byte[] mac(byte[] data, int len) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(data, 0, len);
      return mac.doFinal();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static void putString(ByteBuffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 255) {
      throw new IllegalArgumentException("name longer than 255 bytes: " + s);
    }
    b.put((byte) bytes.length).put(bytes);
  }

  private static String getString(ByteBuffer b, String field) {
    int pos = b.position();
    int len = Byte.toUnsignedInt(b.get());
    if (len > b.remaining()) {
      throw new MalformedHeartbeat(field + ": length " + len + " at byte " + pos + " runs past the end");
    }
    byte[] bytes = new byte[len];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A datagram that is not a valid, authentic heartbeat. */
  public static final class MalformedHeartbeat extends RuntimeException {
    public MalformedHeartbeat(String message) {
      super(message);
    }
  }
}
