package io.zoneha.node.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces, one per node, made and removed by the test (needs root and {@code ip}).
 * Each namespace has an uplink veth to the test's own namespace (management API, witness) and the
 * two share a point-to-point veth, the interconnect, which {@link #cutInterconnect()} takes down.
 * Addresses come from 198.18.0.0/15 (reserved for benchmarking), third octet = this JVM's block:
 * <pre>
 *   uplink 1:     198.18.B.1 (test side, witness listens here) -- 198.18.B.2  (ns 1)
 *   uplink 2:     198.18.B.5 (test side)                        -- 198.18.B.6  (ns 2)
 *   interconnect: 198.18.B.9 (ns 1)                             -- 198.18.B.10 (ns 2)
 * </pre>
 * Namespace 2 routes only the witness address through its uplink: no default route, so nothing
 * can leave for anywhere else. {@link #close()} deletes both namespaces and every link it made.
 */
final class NetnsLab implements AutoCloseable {
  final int block = TestCluster.BLOCK;
  final String ns1 = "zhw" + block + "a";
  final String ns2 = "zhw" + block + "b";
  private final String up1 = "zw" + block + "u1";
  private final String up2 = "zw" + block + "u2";
  private final String ic1 = "zw" + block + "i1";
  private final String ic2 = "zw" + block + "i2";

  NetnsLab() throws IOException, InterruptedException {
    close(); // leftovers of an earlier run of this block that died before its cleanup
    try {
      build();
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  String addr(int last) {
    return "198.18." + block + "." + last;
  }

  String witnessAddress() {
    return addr(1);
  }

  String uplink(int node) {
    return addr(node == 1 ? 2 : 6);
  }

  String interconnect(int node) {
    return addr(node == 1 ? 9 : 10);
  }

  private void build() throws IOException, InterruptedException {
    ip("netns", "add", ns1);
    ip("netns", "add", ns2);
    ip("link", "add", up1, "type", "veth", "peer", "name", "up0", "netns", ns1);
    ip("link", "add", up2, "type", "veth", "peer", "name", "up0", "netns", ns2);
    ip("link", "add", ic1, "type", "veth", "peer", "name", ic2);
    ip("link", "set", ic1, "netns", ns1);
    ip("link", "set", ic2, "netns", ns2);
    ip("addr", "add", addr(1) + "/30", "dev", up1);
    ip("addr", "add", addr(5) + "/30", "dev", up2);
    ip("link", "set", up1, "up");
    ip("link", "set", up2, "up");
    ip("-n", ns1, "addr", "add", addr(2) + "/30", "dev", "up0");
    ip("-n", ns2, "addr", "add", addr(6) + "/30", "dev", "up0");
    ip("-n", ns1, "addr", "add", addr(9) + "/30", "dev", ic1);
    ip("-n", ns2, "addr", "add", addr(10) + "/30", "dev", ic2);
    for (String ns : List.of(ns1, ns2)) {
      ip("-n", ns, "link", "set", "lo", "up");
      ip("-n", ns, "link", "set", "up0", "up");
    }
    ip("-n", ns1, "link", "set", ic1, "up");
    ip("-n", ns2, "link", "set", ic2, "up");
    ip("-n", ns2, "route", "add", witnessAddress() + "/32", "via", addr(5));
  }

  /** Breaks the interconnect (both directions; the uplinks to the witness stay up). */
  void cutInterconnect() throws IOException, InterruptedException {
    ip("-n", ns1, "link", "set", ic1, "down");
  }

  void healInterconnect() throws IOException, InterruptedException {
    ip("-n", ns1, "link", "set", ic1, "up");
  }

  private static void ip(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " did not finish");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
    }
  }

  private static void quietly(String... args) throws InterruptedException {
    try {
      ip(args);
    } catch (IOException e) {
      // not there: nothing to remove
    }
  }

  @Override
  public void close() throws InterruptedException {
    // the root-side ends go with their namespaces, but only once the kernel gets to it: remove them now
    quietly("link", "del", up1);
    quietly("link", "del", up2);
    quietly("link", "del", ic1);
    quietly("netns", "del", ns1);
    quietly("netns", "del", ns2);
  }
}
