package io.zoneha.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The CLI's offline commands, with every resource and monitor type of the build registered. */
class CliTest {
  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path sample(String name) throws Exception {
    Path p = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/zoneha/" + name)) {
      Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
    }
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"vip.yaml", "eip.yaml", "dns.yaml", "local-demo.yaml"})
  void everyShippedSampleValidates(String name) throws Exception {
    Run r = cli("validate", "--config", sample(name).toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("valid"), r.out());
  }

  @Test
  void aBrokenFileIsRejectedWithThePathOfEachProblem() throws Exception {
    String broken = Files.readString(sample("local-demo.yaml")).replace("target: web1", "target: web2");
    Path p = dir.resolve("broken.yaml");
    Files.writeString(p, broken);
    Run r = cli("validate", "--config", p.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("monitors[0].target: "), r.err());
    assertTrue(r.err().contains("web2"), r.err());
  }

  @Test
  void aYamlSyntaxErrorNamesLineAndColumn() throws Exception {
    Path p = dir.resolve("syntax.yaml");
    Files.writeString(p, "cluster:\n  name: x\n servers: [\n");
    Run r = cli("validate", "--config", p.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().matches("(?s).*line \\d+, column \\d+.*"), r.err());
  }

  @Test
  void operationsRefuseBadArguments() {
    Run r = cli("group", "move", "failover1", "--config", dir.resolve("none.yaml").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--to"), r.err());
  }
  @Test
  void mirrorActionsPostTheirOwnNameAndARefusedTokenExitsThree() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    try {
      var server = vertx.createHttpServer().requestHandler(req -> {
        requests.add(req.method() + " " + req.path());
        boolean status = req.path().equals("/api/v1/status");
        req.response().setStatusCode(status ? 401 : 202).putHeader("Content-Type", "application/json")
            .end(new io.vertx.core.json.JsonObject().put(status ? "error" : "message", status ? "token refused" : "accepted").encode());
      }).listen(0, "127.0.0.1").await();
      String[] api = {"--node", "http://127.0.0.1:" + server.actualPort(), "--config", sample("local-demo.yaml").toString()};
      for (String op : new String[] {"verify", "pause", "resume"}) {
        Run r = cli(concat(new String[] {"mirror", op, "md1"}, api));
        assertEquals(0, r.code(), r.err());
      }
      Run recover = cli(concat(new String[] {"mirror", "recover", "md1", "--source", "node2"}, api));
      assertEquals(0, recover.code(), recover.err());
      assertEquals(java.util.List.of("POST /api/v1/mirrors/md1/verify", "POST /api/v1/mirrors/md1/pause",
          "POST /api/v1/mirrors/md1/resume", "POST /api/v1/mirrors/md1/recover"), requests);
      Run status = cli(concat(new String[] {"status"}, api));
      assertEquals(3, status.code(), "a refused token exits 3, as for every command");
      assertTrue(status.err().contains("token refused"), status.err());
    } finally {
      vertx.close().await();
    }
  }

  private static String[] concat(String[] a, String[] b) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
  }

  @Test
  void awsEmulatorNeedsAStateFile() {
    Run r = cli("aws-emulator", "--port", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--state"), r.err());
    Run missing = cli("aws-emulator", "--port", "0", "--state", dir.resolve("none.yaml").toString());
    assertEquals(1, missing.code(), "an unreadable state file stops the emulator from starting");
  }

  @Test
  void witnessRefusesBadArgumentsBeforeListening() throws Exception {
    Run none = cli("witness", "--listen", "127.0.0.1:0");
    assertEquals(2, none.code());
    assertTrue(none.err().contains("--secret-file"), none.err());
    Run missing = cli("witness", "--listen", "127.0.0.1:29020", "--secret-file", dir.resolve("none").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--secret-file: cannot read"), missing.err());
    Path shortSecret = dir.resolve("short");
    Files.writeString(shortSecret, "tooshort\n");
    Run weak = cli("witness", "--listen", "127.0.0.1:29020", "--secret-file", shortSecret.toString());
    assertEquals(2, weak.code());
    assertTrue(weak.err().contains("fewer than 16 characters") && !weak.err().contains("tooshort"), weak.err());
    Run port = cli("witness", "--listen", "127.0.0.1:http", "--secret-file", shortSecret.toString());
    assertEquals(2, port.code());
    assertTrue(port.err().contains("--listen: port must be 1..65535, got 'http'"), port.err());
    Run tls = cli("witness", "--secret-file", shortSecret.toString(), "--tls-cert", "c.pem");
    assertEquals(2, tls.code());
    assertTrue(tls.err().contains("--tls-cert and --tls-key go together"), tls.err());
  }

  @Test
  void awsRoutesPrintsEachVipRouteWithItsTarget() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      var emu = io.zoneha.resources.aws.emulator.AwsEmulator.fromFile(vertx, sample("emulator-vip.yaml"));
      emu.start(0).await();
      emu.actorSetRoute("rtb-0private1", "10.1.0.20/32", "eni-2222bbbb");
      Run r = cli("aws-routes", "--emulator", emu.endpoint());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().matches("(?s).*rtb-0public1 +10\\.1\\.0\\.20/32 +eni-1111aaaa +i-0node1aaaa.*"), r.out());
      assertTrue(r.out().matches("(?s).*rtb-0private1 +10\\.1\\.0\\.20/32 +eni-2222bbbb +i-0node2bbbb.*"), r.out());
      assertTrue(!r.out().contains("0.0.0.0/0"), "only host routes: " + r.out());
      emu.close().await();
    } finally {
      vertx.close().await();
    }
    Run down = cli("aws-routes", "--emulator", "http://127.0.0.1:1");
    assertEquals(1, down.code());
    assertTrue(down.err().contains("cannot reach the emulator"), down.err());
  }
}
