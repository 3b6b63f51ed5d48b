package io.zoneha.mirror.nbd;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A deliberately low-level NBD client for protocol tests: it can send anything, valid or not. */
final class RawNbdClient implements AutoCloseable {
  final Socket socket;
  final DataInputStream in;
  final DataOutputStream out;

  RawNbdClient(InetSocketAddress address) throws IOException {
    socket = new Socket(address.getAddress(), address.getPort());
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  /** Reads the greeting and sends client flags (fixed newstyle + no zeroes). Returns server flags. */
  int greet() throws IOException {
    if (in.readLong() != NbdProtocol.NBDMAGIC || in.readLong() != NbdProtocol.IHAVEOPT) {
      throw new IOException("bad greeting");
    }
    int flags = in.readUnsignedShort();
    out.writeInt(NbdProtocol.FLAG_FIXED_NEWSTYLE | NbdProtocol.FLAG_NO_ZEROES);
    return flags;
  }

  void option(int option, byte[] data) throws IOException {
    out.writeLong(NbdProtocol.IHAVEOPT);
    out.writeInt(option);
    out.writeInt(data.length);
    out.write(data);
    out.flush();
  }

  static byte[] goData(String name, int... infos) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + n.length + 2 + 2 * infos.length);
    b.putInt(n.length).put(n).putShort((short) infos.length);
    for (int i : infos) {
      b.putShort((short) i);
    }
    return b.array();
  }

  record OptReply(int option, int type, byte[] data) {}

  OptReply optReply() throws IOException {
    if (in.readLong() != NbdProtocol.OPT_REPLY_MAGIC) {
      throw new IOException("bad option reply magic");
    }
    int option = in.readInt();
    int type = in.readInt();
    byte[] d = new byte[in.readInt()];
    in.readFully(d);
    return new OptReply(option, type, d);
  }

  /** GO on the default export; reads replies up to ACK; returns the export size. */
  long go() throws IOException {
    option(NbdProtocol.OPT_GO, goData("", NbdProtocol.INFO_BLOCK_SIZE));
    long size = -1;
    for (OptReply r = optReply(); r.type() != NbdProtocol.REP_ACK; r = optReply()) {
      if (r.type() != NbdProtocol.REP_INFO) {
        throw new IOException("GO failed with reply type " + Integer.toHexString(r.type()));
      }
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(r.data());
      if (b.getShort() == NbdProtocol.INFO_EXPORT) {
        size = b.getLong();
      }
    }
    return size;
  }

  void request(int flags, int type, long handle, long offset, int length, byte[] data) throws IOException {
    out.writeInt(NbdProtocol.REQUEST_MAGIC);
    out.writeShort(flags);
    out.writeShort(type);
    out.writeLong(handle);
    out.writeLong(offset);
    out.writeInt(length);
    if (data != null) {
      out.write(data);
    }
  }

  record Reply(int error, long handle) {}

  Reply reply() throws IOException {
    int magic = in.readInt();
    if (magic != NbdProtocol.SIMPLE_REPLY_MAGIC) {
      throw new IOException("bad reply magic " + Integer.toHexString(magic));
    }
    return new Reply(in.readInt(), in.readLong());
  }

  /** True when the server closed the connection. */
  boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      return true;
    }
  }

  void readFully(byte[] b) throws IOException {
    in.readFully(b);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  static void expectEof(DataInputStream in) throws IOException {
    try {
      in.readByte();
      throw new IOException("expected the server to close");
    } catch (EOFException expected) {
      // closed as expected
    }
  }
}
