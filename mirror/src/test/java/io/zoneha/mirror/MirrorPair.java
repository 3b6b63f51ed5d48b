package io.zoneha.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zoneha.mirror.replication.MirrorMode;
import io.zoneha.mirror.replication.MirrorSettings;
import io.zoneha.mirror.replication.MirrorStats;
import io.zoneha.mirror.replication.PeerState;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Two copies on 127.0.0.1 with files in a temp dir; B dials A. Closes both on {@link #close()}. */
public final class MirrorPair implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(20);
  private final Path dir;
  private final MirrorSettings settings;
  private final MirrorSettings settingsB;
  public MirrorDisk a;
  public MirrorDisk b;
  private int portA;

  public MirrorPair(Path dir, MirrorSettings settings) throws Exception {
    this(dir, settings, settings);
  }

  /** Each side with its own settings (e.g. the initial-copy choice as each side states it). */
  public MirrorPair(Path dir, MirrorSettings settingsA, MirrorSettings settingsB) throws Exception {
    this.dir = dir;
    this.settings = settingsA;
    this.settingsB = settingsB;
    a = openA(0);
    portA = a.mirrorAddress().getPort();
    b = openB();
  }

  public static MirrorSettings settings(long size, MirrorMode mode) {
    return MirrorSettings.defaults(size, mode);
  }

  private MirrorDisk openA(int port) throws Exception {
    return MirrorDisk.open(new MirrorDiskConfig("a", dir.resolve("a.data"), dir.resolve("a.meta"), settings,
        new InetSocketAddress("127.0.0.1", port), new InetSocketAddress("127.0.0.1", 9), false));
  }

  private MirrorDisk openB() throws Exception {
    return MirrorDisk.open(new MirrorDiskConfig("b", dir.resolve("b.data"), dir.resolve("b.meta"), settingsB,
        new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", portA), true));
  }

  /** Closes and reopens A on the same port (a restart of that node). */
  public void restartA() throws Exception {
    a.close();
    a = openA(portA);
  }

  public void restartB() throws Exception {
    restartB(() -> null);
  }

  /** Restarts B, running {@code whileDown} between the close and the reopen. */
  public void restartB(java.util.concurrent.Callable<?> whileDown) throws Exception {
    b.close();
    whileDown.call();
    b = openB();
  }

  public void awaitBoth(PeerState state) {
    Await.until("both " + state, WAIT,
        () -> a.stats().peerState() == state && b.stats().peerState() == state, this::describe);
  }

  public void await(String what, java.util.function.BooleanSupplier cond) {
    Await.until(what, WAIT, cond, this::describe);
  }

  public Object describe() {
    return "a=" + a.stats() + " b=" + b.stats();
  }

  public static ByteBuf pattern(int length, int seed) {
    byte[] d = new byte[length];
    for (int i = 0; i < length; i++) {
      d[i] = (byte) (seed + i * 31 + (i >> 9));
    }
    return Unpooled.wrappedBuffer(d);
  }

  public static void write(MirrorDisk d, long offset, int length, int seed) throws Exception {
    d.write(offset, pattern(length, seed), false).get(10, TimeUnit.SECONDS);
  }

  public void assertFilesIdentical() throws Exception {
    byte[] x = Files.readAllBytes(dir.resolve("a.data"));
    byte[] y = Files.readAllBytes(dir.resolve("b.data"));
    if (!Arrays.equals(x, y)) {
      assertArrayEquals(x, y, "data files differ");
    }
  }

  public Path dir() {
    return dir;
  }

  public MirrorStats statsA() {
    return a.stats();
  }

  @Override
  public void close() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }
}
