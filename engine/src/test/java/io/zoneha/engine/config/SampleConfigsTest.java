package io.zoneha.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The sample files shipped in the zoneha-conf jar (class path /zoneha/...) load cleanly. */
class SampleConfigsTest {
  private final ConfigLoader loader = new ConfigLoader(TestTypes.permissive());

  static String sample(String name) throws IOException {
    try (InputStream in = SampleConfigsTest.class.getResourceAsStream("/zoneha/" + name)) {
      assertNotNull(in, "sample /zoneha/" + name + " is not on the class path");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private ClusterConfig load(String name) throws IOException {
    LoadResult r = loader.parse(sample(name), name);
    assertEquals(List.of(), r.problems().stream().map(ConfigProblem::toString).toList(), name);
    return r.config().orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"vip.yaml", "eip.yaml", "dns.yaml", "local-demo.yaml"})
  void sampleLoadsWithoutProblems(String name) throws IOException {
    ClusterConfig c = load(name);
    assertEquals(2, c.servers().size());
    assertEquals(1, c.groups().size());
    assertEquals("failover1", c.groups().get(0).name());
  }

  @Test
  void awsSamplesFollowTheSeedLayouts() throws IOException {
    ClusterConfig vip = load("vip.yaml");
    ResourceConfig awsvip = vip.groups().get(0).resources().get(1);
    assertEquals("10.1.0.20", awsvip.paramsFor("node2").string("vip"));
    assertEquals("vpc-1234abcd", awsvip.paramsFor("node2").string("vpcId"));
    assertEquals("eni-2222bbbb", awsvip.paramsFor("node2").string("eniId"));
    assertTrue(vip.monitor("awsvipw-awsvip1").isPresent(), "auto monitor added");
    assertEquals("ap-northeast-1b", vip.monitor("awsazw1").orElseThrow().paramsFor("node2").string("availabilityZone"));
    assertEquals(new NpTarget.Http("aws.amazon.com", 443, true, "/", NpTarget.DEFAULT_TIMEOUT), vip.np().get(0));

    ClusterConfig eip = load("eip.yaml");
    assertEquals("eipalloc-01234567", eip.groups().get(0).resources().get(1).paramsFor("node1").string("allocationId"));
    assertTrue(eip.monitor("awseipw-awseip1").isPresent());

    ClusterConfig dns = load("dns.yaml");
    ResourceConfig awsdns = dns.groups().get(0).resources().get(1);
    assertEquals("srv.hz1.local.", awsdns.paramsFor("node1").string("recordName"));
    assertEquals("10.0.110.10", awsdns.paramsFor("node1").string("ip"));
    assertEquals("10.0.120.10", awsdns.paramsFor("node2").string("ip"));
    assertTrue(dns.monitor("awsdnsw-awsdns1").isPresent());
  }

  @Test
  void localDemoBindsEachNodeToItsOwnLoopbackAddress() throws IOException {
    ClusterConfig c = load("local-demo.yaml");
    assertEquals(List.of("127.0.0.1"), c.server("node1").orElseThrow().interconnects());
    assertEquals(List.of("127.0.0.2"), c.server("node2").orElseThrow().interconnects());
    c.servers().forEach(s -> {
      assertEquals(29001, s.managementPort());
      assertEquals(29003, s.busPort());
    });
    assertEquals(new HeartbeatConfig(29002, Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(5)),
        c.heartbeat());
    assertEquals(new NpTarget.Http("127.0.0.1", 29080, false, "/", NpTarget.DEFAULT_TIMEOUT), c.np().get(0));
    ResourceConfig web1 = c.groups().get(0).resources().get(0);
    assertEquals("127.0.0.1", web1.paramsFor("node1").stringMap("env").get("WEB_BIND"));
    assertEquals("127.0.0.2", web1.paramsFor("node2").stringMap("env").get("WEB_BIND"));
    assertTrue(web1.paramsFor("node1").string("start").contains("/tmp/zoneha-demo/$ZONEHA_SERVER"));
    assertEquals("/tmp/zoneha-demo/node2/web1.pid",
        c.monitor("web1-pid").orElseThrow().paramsFor("node2").string("pidFile"));
    assertEquals("http://127.0.0.2:29090/", c.monitor("web1-http").orElseThrow().paramsFor("node2").string("url"));
  }
}
