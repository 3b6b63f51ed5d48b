package io.zoneha.node.it;

import static io.zoneha.node.it.TestCluster.groupOnlineOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zoneha.resources.aws.emulator.AwsEmulator;
import io.zoneha.resources.aws.emulator.CallLog;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three AWS layouts with two separate node JVMs against the AWS emulator (in this JVM, on an
 * ephemeral loopback port). Each node signs its calls with its own access key, so the emulator's
 * call log tells which node moved the address. Each test tells one story on one cluster: "another
 * actor" breaks the address, the watching monitor reports its code and the same node repairs it;
 * then the active node gets SIGKILL and the standby takes the address over.
 */
class AwsFailoverTest {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration ACT = Duration.ofSeconds(30);
  private static final String KEY1 = "AKIANODE1";
  private static final String KEY2 = "AKIANODE2";
  private static final String ENI1 = "eni-1111aaaa";
  private static final String ENI2 = "eni-2222bbbb";
  private static final String VIP_ROUTE = "10.1.0.20/32";

  private static Vertx vertx;
  private static AwsEmulator emu;

  @BeforeAll
  static void startEmulator() throws Exception {
    vertx = Vertx.vertx();
    try (InputStream in = AwsFailoverTest.class.getResourceAsStream("/zoneha/emulator-vip.yaml")) {
      emu = new AwsEmulator(vertx, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    emu.start(0).await();
  }

  @AfterAll
  static void stopEmulator() {
    if (emu != null) {
      emu.close().await();
    }
    vertx.close().await();
  }

  @BeforeEach
  void quickRoute53() {
    emu.setChangeInsyncDelayMs(100);
  }

  @Test
  void vipLayoutRepairsARewrittenRouteAndFailsOverOnSigkill() throws Exception {
    // the genuine auto-added awsvipw-awsvip1 (5 s interval): no monitor is declared here
    String yaml = Yaml.header("it-aws-vip", 41, 2) + aws() + group("awsvip1", "awsvip",
        "{vip: 10.1.0.20, vpcId: vpc-1234abcd, eniId: " + ENI1 + ", addLocalAddress: false}", "{eniId: " + ENI2 + "}");
    try (TestCluster c = cluster(41, yaml)) {
      c.await(2, START, "failover1 online on node1 and both VIP routes on node1's ENI",
          s -> groupOnlineOn("failover1", "node1").test(s) && vipTargets().equals(Set.of(ENI1)));

      long actor = actorSeq(() -> emu.actorSetRoute("rtb-0private1", VIP_ROUTE, ENI2));
      c.await(1, ACT, "awsvipw reports 56 and node1 rewrites the route back",
          s -> logged(c, "node1", "monitor awsvipw-awsvip1 detected an error (56:") && vipTargets().equals(Set.of(ENI1)));
      assertEquals(KEY1, lastOk("ReplaceRoute", actor).caller(), "node1 repaired the route");
      assertStaysOnNode1(c);

      long kill = killActive(c);
      c.await(2, ACT, "failover1 online on node2 and every VIP route on node2's ENI",
          s -> groupOnlineOn("failover1", "node2").test(s) && vipTargets().equals(Set.of(ENI2)));
      for (String rtb : List.of("rtb-0public1", "rtb-0private1")) {
        // replaying the call log gives the same owner as the state: node2's ENI, set by node2
        CallLog.Entry last = emu.calls().entries(kill, false).stream()
            .filter(e -> e.action().equals("ReplaceRoute") && e.status() == 200 && rtb.equals(e.params().get("RouteTableId")))
            .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no ReplaceRoute of " + rtb + " after the kill"));
        assertEquals(KEY2, last.caller());
        assertEquals(ENI2, last.params().get("NetworkInterfaceId"));
      }
      assertOnlyCaller(kill, KEY2);
    }
  }

  @Test
  void eipLayoutTakesBackAMovedAddressAndFailsOverOnSigkill() throws Exception {
    String yaml = Yaml.header("it-aws-eip", 42, 2) + aws() + group("awseip1", "awseip",
        "{allocationId: eipalloc-01234567, eniId: " + ENI1 + "}", "{eniId: " + ENI2 + "}")
        + fastWatch("awseipw", "awseip1", "{}");
    try (TestCluster c = cluster(42, yaml)) {
      c.await(2, START, "failover1 online on node1 and the EIP on node1's ENI",
          s -> groupOnlineOn("failover1", "node1").test(s) && eni().equals(ENI1));

      long actor = actorSeq(() -> emu.actorMoveEip("eipalloc-01234567", ENI2));
      c.await(1, ACT, "awseipw reports 7 and node1 associates the EIP again",
          s -> logged(c, "node1", "monitor awseipw-awseip1 detected an error (7:") && eni().equals(ENI1));
      assertEquals(KEY1, lastOk("AssociateAddress", actor).caller(), "node1 took the EIP back");
      assertStaysOnNode1(c);

      long kill = killActive(c);
      c.await(2, ACT, "failover1 online on node2 and the EIP on node2's ENI",
          s -> groupOnlineOn("failover1", "node2").test(s) && eni().equals(ENI2));
      CallLog.Entry associate = lastOk("AssociateAddress", kill);
      assertEquals(KEY2, associate.caller());
      assertEquals(ENI2, associate.params().get("NetworkInterfaceId"));
      assertOnlyCaller(kill, KEY2);
      long associated = emu.stateJson().getJsonArray("addresses").stream().map(o -> (JsonObject) o)
          .filter(a -> a.getString("networkInterfaceId") != null).count();
      assertEquals(1, associated, "exactly one association: " + emu.stateJson().getJsonArray("addresses"));
    }
  }

  @Test
  void dnsLayoutRestoresAChangedRecordAndFailsOverOnSigkill() throws Exception {
    // API check on every run (so a changed record is 8, not the resolver's 10); resolution through the emulator's DNS
    String yaml = Yaml.header("it-aws-dns", 43, 2) + aws() + group("awsdns1", "awsdns",
        "{hostedZoneId: ABCDEFGHIJK123, recordName: srv.hz1.local., ip: 10.0.110.10, ttl: 60}", "{ip: 10.0.120.10}")
        + fastWatch("awsdnsw", "awsdns1", "{apiCheckInterval: 200ms, checkResolution: true, resolver: \"127.0.0.1:"
            + emu.dnsPort() + "\"}");
    try (TestCluster c = cluster(43, yaml)) {
      c.await(2, START, "failover1 online on node1 and the record on node1's address",
          s -> groupOnlineOn("failover1", "node1").test(s) && record().equals(List.of("10.0.110.10")));

      long actor = actorSeq(() -> emu.actorSetRecord("ABCDEFGHIJK123", "srv.hz1.local.", 60, List.of("10.0.0.9")));
      c.await(1, ACT, "awsdnsw reports 8 and node1 writes its address again",
          s -> logged(c, "node1", "monitor awsdnsw-awsdns1 detected an error (8:") && record().equals(List.of("10.0.110.10")));
      assertEquals(KEY1, lastOk("ChangeResourceRecordSets", actor).caller(), "node1 restored the record");
      assertStaysOnNode1(c);

      long kill = killActive(c);
      c.await(2, ACT, "failover1 online on node2 and the record on node2's address",
          s -> groupOnlineOn("failover1", "node2").test(s) && record().equals(List.of("10.0.120.10")));
      assertEquals(KEY2, lastOk("ChangeResourceRecordSets", kill).caller());
      assertOnlyCaller(kill, KEY2);
    }
  }

  // ---- cluster set-up ----

  private static TestCluster cluster(int subnet, String yaml) throws Exception {
    TestCluster c = new TestCluster(subnet, yaml);
    try {
      c.env("node1", credentials(KEY1)).env("node2", credentials(KEY2)).start("node1", "node2");
      return c;
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
  }

  private static Map<String, String> credentials(String key) {
    return Map.of("AWS_ACCESS_KEY_ID", key, "AWS_SECRET_ACCESS_KEY", "test-secret-" + key,
        "AWS_REGION", "ap-northeast-1");
  }

  private static String aws() {
    return "aws:\n  ec2Endpoint: " + emu.endpoint() + "\n  route53Endpoint: " + emu.endpoint()
        + "\n  callTimeout: 3s\n";
  }

  /** failover1: the AWS resource, then an exec resource that depends on it. */
  private static String group(String name, String type, String params, String node2) {
    return "groups:\n  - name: failover1\n    resources:\n      - name: " + name + "\n        type: " + type
        + "\n        params: " + params + "\n        servers:\n          node2: " + node2 + "\n"
        + "      - name: app1\n        type: exec\n        dependsOn: [" + name + "]\n        params:\n"
        + "          start: \"echo start >> @DIR@/starts-$ZONEHA_SERVER && touch @DIR@/active-$ZONEHA_SERVER\"\n"
        + "          stop: \"rm -f @DIR@/active-$ZONEHA_SERVER\"\n";
  }

  /** The auto-added monitor, declared under its own name only to check every second. */
  private static String fastWatch(String type, String resource, String extra) {
    JsonObject params = new JsonObject().put("resource", resource);
    String more = extra.substring(1, extra.length() - 1).trim();
    return "monitors:\n  - name: " + type + "-" + resource + "\n    type: " + type + "\n    interval: 1s\n"
        + "    when: active\n    target: " + resource + "\n"
        + "    recovery: {target: " + resource + ", reactivations: 3, failovers: 1, finalAction: none}\n"
        + "    params: {resource: " + params.getString("resource") + (more.isEmpty() ? "" : ", " + more) + "}\n";
  }

  // ---- emulator views ----

  /** The ENIs that the VIP routes of all route tables point at. */
  private static Set<String> vipTargets() {
    Set<String> targets = new TreeSet<>();
    for (String rtb : List.of("rtb-0public1", "rtb-0private1")) {
      targets.add(emu.routeTarget(rtb, VIP_ROUTE).orElse("(none)"));
    }
    return targets;
  }

  private static String eni() {
    return emu.eipNetworkInterface("eipalloc-01234567").orElse("(none)");
  }

  private static List<String> record() {
    return emu.recordValues("ABCDEFGHIJK123", "srv.hz1.local.");
  }

  private static long lastSeq() {
    List<CallLog.Entry> all = emu.calls().entries(0, true);
    return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
  }

  /** Runs another actor's change; gives the call-log position just before it. */
  private static long actorSeq(Runnable change) {
    long before = lastSeq();
    change.run();
    return before;
  }

  /** The last successful call of {@code action} after {@code since}. */
  private static CallLog.Entry lastOk(String action, long since) {
    List<CallLog.Entry> hits = emu.calls().entries(since, false).stream()
        .filter(e -> e.action().equals(action) && e.status() == 200).toList();
    assertFalse(hits.isEmpty(), "a successful " + action + " after #" + since + ": " + emu.calls().entries(since, false));
    return hits.get(hits.size() - 1);
  }

  private static void assertOnlyCaller(long since, String key) {
    for (CallLog.Entry e : emu.calls().entries(since, false)) {
      assertEquals(key, e.caller(), "only the new active node changed AWS after the kill: " + e);
    }
  }

  private static boolean logged(TestCluster c, String server, String text) {
    return c.node(server).output().contains(text);
  }

  private static void assertStaysOnNode1(TestCluster c) throws Exception {
    c.await(2, ACT, "failover1 still online on node1", groupOnlineOn("failover1", "node1"));
    assertFalse(Files.exists(c.dir.resolve("starts-node2")), "node2 never started the group");
    assertTrue(Files.exists(c.dir.resolve("active-node1")));
  }

  private static long killActive(TestCluster c) throws Exception {
    long before = lastSeq();
    c.node("node1").kill9();
    return before;
  }
}
