package io.zoneha.node.it;

/** cluster.yaml snippets for the multi-JVM tests. */
final class Yaml {
  private Yaml() {}

  static String servers(int subnet, int count) {
    StringBuilder b = new StringBuilder("servers:\n");
    for (int i = 1; i <= count; i++) {
      b.append("  - name: node").append(i).append("\n    interconnects: [").append(TestCluster.addr(subnet, i)).append("]\n");
    }
    return b.toString();
  }

  static String header(String name, int subnet, int count) {
    return "cluster:\n  name: " + name + "\n  secret: " + TestCluster.SECRET + "\n" + servers(subnet, count)
        + "heartbeat:\n  interval: 200ms\n  timeout: 1500ms\n  startupWait: 4s\n";
  }

  /** A group whose exec resource leaves a marker file while active and counts its starts. */
  static String markerGroup(String group, String resource) {
    return "groups:\n  - name: " + group + "\n    resources:\n      - name: " + resource + "\n        type: exec\n"
        + "        params:\n"
        + "          start: \"echo start >> @DIR@/starts-$ZONEHA_SERVER && touch @DIR@/active-$ZONEHA_SERVER\"\n"
        + "          stop: \"rm -f @DIR@/active-$ZONEHA_SERVER\"\n";
  }

  /**
   * A group "mirror1" with one sync md resource "data1" of {@code size}, file-backed in the test
   * directory, exported on each server's own loopback address.
   */
  static String mirrorGroup(int subnet, String size) {
    StringBuilder b = new StringBuilder("""
        groups:
          - name: mirror1
            resources:
              - name: data1
                type: md
                params:
                  size: %s
                  mode: sync
                  mirrorPort: 29010
                  nbdPort: 29011
                  exportName: data1
                servers:
        """.formatted(size));
    for (int i = 1; i <= 2; i++) {
      b.append("          node").append(i).append(": {dataPath: @DIR@/node").append(i).append("-data.img, clusterPath: @DIR@/node")
          .append(i).append("-cluster.img, nbdHost: ").append(TestCluster.addr(subnet, i)).append("}\n");
    }
    return b.toString();
  }
}
