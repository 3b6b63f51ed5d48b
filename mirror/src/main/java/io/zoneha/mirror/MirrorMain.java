package io.zoneha.mirror;

import io.zoneha.mirror.nbd.NbdServer;
import io.zoneha.mirror.protocol.InitialCopy;
import io.zoneha.mirror.replication.MirrorMode;
import io.zoneha.mirror.replication.MirrorSettings;
import io.zoneha.mirror.replication.PeerState;
import io.zoneha.mirror.storage.MirrorGeometry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one copy as a standalone process (benchmarks, crash tests). Arguments are key=value:
 * name, data, meta, size, mode (sync|async), granularity, listen (host:port), peer (host:port),
 * initiator (true|false), primary (true: wait for the peer, then promote and export),
 * initialCopy (local|peer|skip: the source of a new pair's initial copy; default unset),
 * nbd (host:port), resyncRate (bytes per second, 64M style, 0 = unlimited), delayMicros (extra one-way latency on the mirror link), status (a file
 * rewritten every 100 ms with {@code peerState resyncBytesSent dirtyBytes lagBytes}).
 * Prints {@code READY nbd=HOST:PORT mirror=HOST:PORT} once serving.
 */
public final class MirrorMain {
  private MirrorMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("argument '" + arg + "': expected key=value");
      }
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    long size = MirrorGeometry.parseSize("size", a.getOrDefault("size", "64M"));
    MirrorSettings s = MirrorSettings.defaults(size, MirrorMode.parse("mode", a.getOrDefault("mode", "sync")))
        .withGeometry(4096, (int) MirrorGeometry.parseSize("granularity", a.getOrDefault("granularity", "64K")))
        .withPeerDelay(Duration.ofNanos(1000L * Long.parseLong(a.getOrDefault("delayMicros", "0"))))
        .withResyncRate(MirrorGeometry.parseSize("resyncRate", a.getOrDefault("resyncRate", "0")))
        .withInitialCopy(initialCopy(a.getOrDefault("initialCopy", "unset")));
    MirrorDiskConfig cfg = new MirrorDiskConfig(a.getOrDefault("name", "md"), Path.of(required(a, "data")),
        Path.of(required(a, "meta")), s, address(a.getOrDefault("listen", "127.0.0.1:0")),
        address(a.getOrDefault("peer", "127.0.0.1:9")), Boolean.parseBoolean(a.getOrDefault("initiator", "false")));
    MirrorDisk disk = MirrorDisk.open(cfg);
    CountDownLatch stop = new CountDownLatch(1);
    NbdServer[] nbd = new NbdServer[1];
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (nbd[0] != null) {
        nbd[0].close();
      }
      disk.close();
      stop.countDown();
    }));
    String nbdAddr = "-";
    if (Boolean.parseBoolean(a.getOrDefault("primary", "false"))) {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (disk.stats().peerState() != PeerState.STREAMING && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      disk.becomePrimary(false).get(10, TimeUnit.SECONDS);
      nbd[0] = NbdServer.start(disk, address(a.getOrDefault("nbd", "127.0.0.1:0")), a.getOrDefault("export", "md0"));
      nbdAddr = "127.0.0.1:" + nbd[0].address().getPort();
    }
    String status = a.get("status");
    if (status != null) {
      Thread t = new Thread(() -> writeStatus(disk, Path.of(status)), "status");
      t.setDaemon(true);
      t.start();
    }
    System.out.println("READY nbd=" + nbdAddr + " mirror=127.0.0.1:" + disk.mirrorAddress().getPort());
    System.out.flush();
    stop.await();
  }

  private static void writeStatus(MirrorDisk disk, Path file) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    while (true) {
      var st = disk.stats();
      String line = st.peerState() + " " + st.resyncBytesSent() + " " + st.dirtyBytes() + " " + st.lagBytes() + "\n";
      try {
        java.nio.file.Files.writeString(tmp, line);
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(100);
      } catch (Exception e) {
        return;
      }
    }
  }

  private static InitialCopy initialCopy(String v) {
    try {
      return InitialCopy.valueOf(v.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("initialCopy: expected local, peer, skip or unset, got '" + v + "'");
    }
  }

  private static String required(Map<String, String> a, String key) {
    String v = a.get(key);
    if (v == null) {
      throw new IllegalArgumentException(key + ": required");
    }
    return v;
  }

  private static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("address '" + hostPort + "': expected host:port");
    }
    return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }
}
