package io.zoneha.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.config.MonitorConfig.MonitorWhen;
import io.zoneha.engine.config.MonitorConfig.RecoveryTargetKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final String SECRET = "very-secret-value-42";
  private static final String SERVERS = """
      servers:
        - name: node1
          interconnects: [10.0.110.10]
        - name: node2
          interconnects: [10.0.120.10]
      """;

  private final ConfigLoader loader = new ConfigLoader(TestTypes.strict());

  private static String withSecret(String secret, String rest) {
    return "cluster:\n  name: demo\n  secret: " + secret + "\n" + SERVERS + rest;
  }

  private ClusterConfig valid(String yaml) {
    LoadResult r = loader.parse(yaml, "test.yaml");
    assertEquals(List.of(), r.problems());
    return r.config().orElseThrow();
  }

  private List<String> problems(String yaml) {
    LoadResult r = loader.parse(yaml, "test.yaml");
    assertTrue(r.config().isEmpty());
    return r.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void defaultsAreApplied() {
    ClusterConfig c = valid(withSecret(SECRET, """
        np:
          - type: http
            target: aws.amazon.com
            ssl: true
          - type: http
            target: 10.0.0.1
        groups:
          - name: g1
            resources:
              - name: r1
                type: exec
                params: {start: x}
        monitors:
          - name: m1
            type: pidw
            target: r1
            params: {pidFile: /run/x.pid}
          - name: m2
            type: pidw
            params: {pidFile: /run/y.pid}
        """));
    ServerConfig node1 = c.servers().get(0);
    assertNull(node1.az());
    assertEquals("10.0.110.10", node1.managementHost());
    assertEquals(ServerConfig.DEFAULT_MANAGEMENT_PORT, node1.managementPort());
    assertEquals(ServerConfig.DEFAULT_BUS_PORT, node1.busPort());
    assertEquals(HeartbeatConfig.defaults(), c.heartbeat());
    assertEquals(new NpTarget.Http("aws.amazon.com", 443, true, "/", NpTarget.DEFAULT_TIMEOUT), c.np().get(0));
    assertEquals(new NpTarget.Http("10.0.0.1", 80, false, "/", NpTarget.DEFAULT_TIMEOUT), c.np().get(1));
    assertEquals(ManagementConfig.none(), c.management());
    assertEquals(AwsConfig.defaults(), c.aws());
    GroupConfig g = c.groups().get(0);
    assertEquals(List.of("node1", "node2"), g.startupServers());
    assertEquals(GroupConfig.DEFAULT_AUTO_START, g.autoStart());
    assertEquals(GroupConfig.DEFAULT_AUTO_FAILBACK, g.autoFailback());
    ResourceConfig r = g.resources().get(0);
    assertEquals(ResourceConfig.DEFAULT_ACTIVATION, r.activation());
    assertEquals(ResourceConfig.DEFAULT_DEACTIVATION, r.deactivation());
    assertEquals(List.of(), r.dependsOn());
    MonitorConfig m1 = c.monitor("m1").orElseThrow();
    assertEquals(MonitorConfig.DEFAULT_INTERVAL, m1.interval());
    assertEquals(MonitorConfig.DEFAULT_TIMEOUT, m1.timeout());
    assertEquals(MonitorConfig.DEFAULT_RETRIES, m1.retries());
    assertEquals(Duration.ZERO, m1.startWait());
    assertEquals(MonitorWhen.ALWAYS, m1.when());
    // a monitor with a target recovers its group by default; without one, the local server
    assertEquals(new MonitorConfig.RecoveryAction(RecoveryTargetKind.GROUP, "g1", 3, 1, FinalAction.NONE),
        m1.recovery());
    assertEquals(new MonitorConfig.RecoveryAction(RecoveryTargetKind.LOCAL_SERVER, "LocalServer", 0, 1,
        FinalAction.NONE), c.monitor("m2").orElseThrow().recovery());
  }

  @Test
  void recoveryTargetKindFollowsTheName() {
    ClusterConfig c = valid(withSecret(SECRET, """
        groups:
          - name: g1
            resources:
              - name: r1
                type: exec
                params: {start: x}
        monitors:
          - {name: m1, type: pidw, params: {pidFile: /a}, recovery: {target: r1}}
          - {name: m2, type: pidw, params: {pidFile: /a}, recovery: {target: g1}}
          - {name: m3, type: pidw, params: {pidFile: /a}, recovery: {target: LocalServer, reactivations: 2}}
        """));
    assertEquals(RecoveryTargetKind.RESOURCE, c.monitor("m1").orElseThrow().recovery().kind());
    assertEquals(RecoveryTargetKind.GROUP, c.monitor("m2").orElseThrow().recovery().kind());
    MonitorConfig.RecoveryAction local = c.monitor("m3").orElseThrow().recovery();
    assertEquals(RecoveryTargetKind.LOCAL_SERVER, local.kind());
    assertEquals(2, local.reactivations());
  }

  @Test
  void perServerOverridesAreMergedOverCommonParams() {
    ClusterConfig c = valid(withSecret(SECRET, """
        groups:
          - name: g1
            resources:
              - name: vip1
                type: vip
                params: {vip: 10.1.0.20, eniId: eni-11111111, env: {A: "1"}}
                servers:
                  node2: {eniId: eni-22222222, ttl: 60}
        """));
    ResourceConfig vip = c.groups().get(0).resources().get(0);
    assertEquals("eni-11111111", vip.paramsFor("node1").string("eniId"));
    assertEquals("eni-22222222", vip.paramsFor("node2").string("eniId"));
    assertEquals("10.1.0.20", vip.paramsFor("node2").string("vip"));
    assertEquals(60, vip.paramsFor("node2").integer("ttl", 0));
    assertFalse(vip.paramsFor("node1").has("ttl"));
    assertEquals(Map.of("A", "1"), vip.paramsFor("node2").stringMap("env"));
  }

  @Test
  void autoMonitorsAreAddedUnlessTheFileDefinesOneOfThatName() {
    ClusterConfig c = valid(withSecret(SECRET, """
        groups:
          - name: g1
            resources:
              - {name: vip1, type: vip, params: {vip: 10.1.0.20, eniId: eni-1}}
              - {name: vip2, type: vip, params: {vip: 10.1.0.21, eniId: eni-2}}
        monitors:
          - name: vipw-vip2
            type: vipw
            interval: 7s
            params: {resource: vip2}
        """));
    assertEquals(List.of("vipw-vip2", "vipw-vip1"), c.monitors().stream().map(MonitorConfig::name).toList());
    assertEquals(Duration.ofSeconds(7), c.monitor("vipw-vip2").orElseThrow().interval());
    MonitorConfig auto = c.monitor("vipw-vip1").orElseThrow();
    assertEquals("vip1", auto.target());
    assertEquals(MonitorWhen.ACTIVE, auto.when());
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    List<String> p = problems("cluster:\n  name: x\n secret: y\n");
    assertEquals(1, p.size());
    assertTrue(p.get(0).startsWith("line 3, column 2: YAML syntax error: "), p.get(0));
  }

  @Test
  void theSecretNeverAppearsInProblemsOrToString() {
    ClusterConfig c = valid(withSecret(SECRET, ""));
    assertEquals(SECRET, c.secret());
    assertFalse(c.toString().contains(SECRET), c.toString());
    assertTrue(c.toString().contains("secret=***"));
    // a short secret, a syntax error on the secret's line, and a secret under a typo key
    List<String> all = new java.util.ArrayList<>();
    all.addAll(problems("cluster:\n  name: demo\n  secret: short-" + "s3cr\n" + SERVERS));
    all.addAll(problems("cluster:\n  name: demo\n  secret: " + SECRET + ": x\n" + SERVERS));
    all.addAll(problems("cluster:\n  name: demo\n  secrte: " + SECRET + "\n" + SERVERS));
    all.addAll(problems("cluster:\n  name: demo\n  secret: [" + SECRET + "]\n" + SERVERS));
    assertEquals(5, all.size(), all.toString());
    all.forEach(line -> {
      assertFalse(line.contains(SECRET), line);
      assertFalse(line.contains("s3cr"), line);
    });
  }

  @Test
  void passwordHashesStayOutOfToString() {
    ManagementConfig.User u = new ManagementConfig.User("admin", ManagementConfig.Role.OPERATOR, "pbkdf2-sha256$1$YQ$Yg");
    assertFalse(u.toString().contains("YQ$Yg"), u.toString());
  }

  @Test
  void secretFileIsReadTrimmedAndRelativeToTheConfigFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("secret"), "  " + SECRET + "\n");
    Path file = dir.resolve("cluster.yaml");
    String yaml = "cluster:\n  name: demo\n  secretFile: secret\n" + SERVERS;
    Files.writeString(file, yaml);
    LoadResult r = loader.load(file);
    assertEquals(List.of(), r.problems());
    ClusterConfig c = r.config().orElseThrow();
    assertEquals(SECRET, c.secret());
    assertEquals(ConfigLoader.fingerprint(yaml.getBytes(StandardCharsets.UTF_8)), c.fingerprint());
    assertEquals(16, c.fingerprint().length());
    assertTrue(c.fingerprint().matches("[0-9a-f]{16}"));

    Files.writeString(file, "cluster:\n  name: demo\n  secretFile: missing\n" + SERVERS);
    assertEquals(List.of("cluster.secretFile: file '" + dir.resolve("missing") + "' does not exist (line 3)"),
        loader.load(file).problems().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void fingerprintChangesWithTheBytes() {
    ClusterConfig a = valid(withSecret(SECRET, ""));
    ClusterConfig b = valid(withSecret(SECRET, "# a comment\n"));
    assertFalse(a.fingerprint().equals(b.fingerprint()));
    assertEquals(a.fingerprint(), valid(withSecret(SECRET, "")).fingerprint());
  }

  @Test
  void unreadableFileIsOneProblem(@TempDir Path dir) throws Exception {
    LoadResult r = loader.load(dir.resolve("nope.yaml"));
    assertEquals(1, r.problems().size());
    assertTrue(r.problems().get(0).path().endsWith("nope.yaml"));
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
    assertEquals("not UTF-8 text", loader.load(latin1).problems().get(0).message());
  }

  @Test
  void problemToStringIsPathColonMessage() {
    assertEquals("groups[0].resources[1].dependsOn: unknown resource 'md2'",
        new ConfigProblem("groups[0].resources[1].dependsOn", "unknown resource 'md2'").toString());
  }

  @Test
  void loadResultHoldsAConfigExactlyWhenThereAreNoProblems() {
    assertThrows(IllegalArgumentException.class, () -> new LoadResult(List.of(), java.util.Optional.empty()));
    assertThrows(IllegalArgumentException.class, () -> new LoadResult(
        List.of(new ConfigProblem("a", "b")), java.util.Optional.of(valid(withSecret(SECRET, "")))));
  }

  @Test
  void everyDocumentedSectionIsReadByTheParser() {
    // the parser fails loudly when it asks for a key its section does not declare
    assertThrows(IllegalStateException.class, () -> {
      Problems p = new Problems();
      Fields.absent("heartbeat", ConfigKeys.HEARTBEAT, p).integer("portt", 1);
    });
  }

  @Test
  void aWitnessTargetGetsItsDefaultsAndSharesPortAndSslWithHttp() {
    ClusterConfig c = valid(withSecret(SECRET, """
        np:
          - {type: witness, target: witness.example.internal}
          - {type: http, target: 10.0.130.10, port: 7000, ssl: true, timeout: 1s}
        """));
    assertEquals(new NpTarget.Witness("witness.example.internal", NpTarget.DEFAULT_WITNESS_PORT, false, NpTarget.DEFAULT_TIMEOUT),
        c.np().get(0));
    assertEquals(new NpTarget.Http("10.0.130.10", 7000, true, "/", java.time.Duration.ofSeconds(1)), c.np().get(1));
  }

  @Test
  void witnessTargetsAreCheckedFieldByField() {
    List<String> p = problems(withSecret(SECRET, """
        np:
          - {type: witness, target: "not a host", port: 70000, path: /x, timeout: 0s}
          - {type: witness, target: w2.example}
          - {type: quorum, target: w3.example}
        """));
    assertTrue(p.stream().anyMatch(x -> x.startsWith("np[0].path: only http targets use this key")), p.toString());
    assertTrue(p.stream().anyMatch(x -> x.startsWith("np[2].type: expected http, ping or witness, got 'quorum'")), p.toString());
    List<String> semantic = problems(withSecret(SECRET, """
        np:
          - {type: witness, target: "not a host", port: 70000, timeout: 0s}
          - {type: witness, target: w2.example}
        """));
    assertTrue(semantic.stream().anyMatch(x -> x.startsWith("np[0].target: not a host name or IP address: 'not a host'")), semantic.toString());
    assertTrue(semantic.stream().anyMatch(x -> x.startsWith("np[0].port: must be a port number 1..65535, got 70000")), semantic.toString());
    assertTrue(semantic.stream().anyMatch(x -> x.startsWith("np[0].timeout: must be longer than 0")), semantic.toString());
    assertTrue(semantic.stream().anyMatch(x -> x.startsWith("np[1].type: only one witness target is allowed; np[0] is one already")), semantic.toString());
  }

  @Test
  void pingTargetsStillRefuseHttpKeys() {
    List<String> p = problems(withSecret(SECRET, "np:\n  - {type: ping, target: 10.0.0.1, port: 80}\n"));
    assertTrue(p.stream().anyMatch(x -> x.startsWith("np[0].port: only http and witness targets use this key")), p.toString());
  }
}
