package io.zoneha.resources.aws.emulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.zoneha.resources.aws.Ipv4;
import io.zoneha.resources.aws.emulator.Model.HostedZone;
import io.zoneha.resources.aws.emulator.Model.RecordSet;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * An authoritative DNS server on UDP for the hosted zones: A queries get the record's addresses,
 * names without a record in a zone get NXDOMAIN, names outside every zone get REFUSED.
 */
final class DnsListener {
  private static final int TYPE_A = 1;

  private DnsListener() {}

  static Future<DatagramSocket> start(Vertx vertx, EmulatorState state, String host, int port) {
    DatagramSocket socket = vertx.createDatagramSocket();
    socket.handler(p -> answer(socket, state, p));
    return socket.listen(port, host);
  }

  private static void answer(DatagramSocket socket, EmulatorState state, DatagramPacket p) {
    byte[] reply = reply(state, p.data().getBytes());
    if (reply != null) {
      socket.send(Buffer.buffer(reply), p.sender().port(), p.sender().host());
    }
  }

  /** The reply to one query message, or null when the message is too broken to answer. */
  static byte[] reply(EmulatorState state, byte[] q) {
    if (q.length < 17) {
      return null;
    }
    int qdcount = ((q[4] & 255) << 8) | (q[5] & 255);
    if (qdcount != 1 || (q[2] & 0x80) != 0) {
      return null;
    }
    StringBuilder name = new StringBuilder();
    int i = 12;
    while (i < q.length && q[i] != 0) {
      int len = q[i] & 255;
      if (len > 63 || i + 1 + len > q.length) {
        return null;
      }
      name.append(new String(q, i + 1, len, java.nio.charset.StandardCharsets.US_ASCII)).append('.');
      i += 1 + len;
    }
    if (i + 5 > q.length) {
      return null;
    }
    int qtype = ((q[i + 1] & 255) << 8) | (q[i + 2] & 255);
    int questionEnd = i + 5;
    String fqdn = name.length() == 0 ? "." : name.toString();
    List<String> ips = List.of();
    int rcode;
    long ttl = 0;
    HostedZone zone = state.zoneFor(fqdn);
    if (zone == null) {
      rcode = 5;
    } else {
      synchronized (state) {
        RecordSet a = zone.records.get(EmulatorState.recordKey(fqdn, "A"));
        boolean anyType = zone.records.values().stream()
            .anyMatch(r -> r.name.equals(EmulatorState.normalizeName(fqdn)));
        rcode = anyType ? 0 : 3;
        if (a != null && qtype == TYPE_A) {
          ips = List.copyOf(a.values);
          ttl = a.ttl;
        }
      }
    }
    return build(q, questionEnd, rcode, ips, ttl, zone != null);
  }

  private static byte[] build(byte[] q, int questionEnd, int rcode, List<String> ips, long ttl,
      boolean authoritative) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(q[0]);
    out.write(q[1]);
    out.write(0x80 | (q[2] & 0x79) | (authoritative ? 0x04 : 0)); // QR, opcode, AA, RD copied
    out.write(rcode & 0x0F);
    out.write(0);
    out.write(1);
    out.write(0);
    out.write(ips.size());
    out.write(new byte[4], 0, 4);
    out.write(q, 12, questionEnd - 12);
    for (String ip : ips) {
      long v = Ipv4.parse(ip).orElse(0L);
      out.write(new byte[] {(byte) 0xC0, 12, 0, TYPE_A, 0, 1,
          (byte) (ttl >> 24), (byte) (ttl >> 16), (byte) (ttl >> 8), (byte) ttl, 0, 4,
          (byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v}, 0, 16);
    }
    return out.toByteArray();
  }
}
