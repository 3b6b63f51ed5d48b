package io.zoneha.node;

import io.vertx.core.Vertx;
import io.zoneha.resources.aws.emulator.AwsEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The local demo: two node processes on 127.0.0.1 and 127.0.0.2 from the bundled
 * local-demo.yaml, plus the small HTTP target their network-partition check needs and the AWS
 * emulator (state emulator-demo.yaml) whose route tables the demo's virtual IP moves between the
 * two nodes' ENIs. Each node signs its AWS calls with its own access key, so the emulator's call
 * log shows which node moved the routes.
 */
@Command(name = "demo", description = "Run a local two-node demo cluster (the default without a subcommand).")
final class DemoCommand implements Runnable {
  static final int NP_PORT = 29080;
  static final int EMULATOR_PORT = 29566;

  @Option(names = "--dir", description = "working directory of the demo", defaultValue = "/tmp/zoneha-demo")
  Path dir = Path.of("/tmp/zoneha-demo");

  private final List<Process> children = new ArrayList<>();

  @Override
  public void run() {
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve("cluster.yaml");
      copyResource("/zoneha/local-demo.yaml", config);
      String password = addWebUser(config);
      Vertx vertx = Vertx.vertx();
      vertx.createHttpServer().requestHandler(r -> r.response().setStatusCode(200).end())
          .listen(NP_PORT, "127.0.0.1").await();
      startEmulator(vertx);
      Runtime.getRuntime().addShutdownHook(new Thread(this::stopChildren, "zoneha-demo-stop"));
      for (String server : List.of("node1", "node2")) {
        // each node gets its own copy, as on real servers: a config apply replaces it in place
        Path own = Files.createDirectories(dir.resolve(server)).resolve("cluster.yaml");
        Files.copy(config, own, StandardCopyOption.REPLACE_EXISTING);
        children.add(startNode(own, server));
      }
      printInstructions(config, password);
      // killed nodes do not end the demo: the operator may restart them; Ctrl-C does
      new java.util.concurrent.CountDownLatch(1).await();
    } catch (IOException e) {
      throw new IllegalStateException("demo failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The demo's AWS account: in this JVM, on a fixed loopback port that local-demo.yaml names. */
  private static void startEmulator(Vertx vertx) throws IOException {
    String state;
    try (InputStream in = DemoCommand.class.getResourceAsStream("/zoneha/emulator-demo.yaml")) {
      if (in == null) {
        throw new IOException("missing bundled resource /zoneha/emulator-demo.yaml");
      }
      state = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    try {
      new AwsEmulator(vertx, state, "127.0.0.1").start(EMULATOR_PORT).await();
    } catch (RuntimeException e) {
      throw new IOException("cannot start the AWS emulator on 127.0.0.1:" + EMULATOR_PORT
          + " (is another demo running?): " + e.getMessage(), e);
    }
  }

  /** A distinct access key per node; any values work against the emulator. */
  static Map<String, String> awsEnvironment(String server) {
    return Map.of("AWS_ACCESS_KEY_ID", "AKIADEMO" + server.toUpperCase(java.util.Locale.ROOT),
        "AWS_SECRET_ACCESS_KEY", "demo-secret-not-a-real-key", "AWS_REGION", "ap-northeast-1");
  }

  private Process startNode(Path config, String server) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path state = dir.resolve(server);
    Files.createDirectories(state);
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m"));
    cmd.addAll(Main.NODE_JVM_FLAGS);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "node", "--config", config.toString(), "--server", server, "--state-dir", state.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(server + ".out").toFile());
    pb.environment().putAll(awsEnvironment(server));
    return pb.start();
  }

  private void printInstructions(Path config, String password) {
    String cli = "java -jar " + System.getProperty("java.class.path") + " ";
    System.out.printf("""

        ZoneHA local demo is starting: node1 on 127.0.0.1 (pid %d), node2 on 127.0.0.2 (pid %d).
        Logs: %s/node1.out and %s/node2.out

          web UI:                 http://127.0.0.1:29001/  (node2: http://127.0.0.2:29001/)
                                  log in as admin, password %s

          watch the cluster:      watch -n1 %sstatus --config %s
          status as JSON:         %sstatus --json --config %s
          VIP route tables:       watch -n1 %saws-routes
                                  (10.1.0.20/32 points at eni-0demo1111 = node1 or eni-0demo2222 = node2)
          AWS calls, by node:     curl -s http://127.0.0.1:%d/_admin/calls   (caller AKIADEMONODE1 / AKIADEMONODE2)
          kill the active node:   kill -9 <pid of the node where failover1 is online>
          rewrite a route behind ZoneHA's back (awsvipw reports 56 and the active node repairs it;
          use eni-0demo1111 while node2 is active):
                                  curl -s -X POST http://127.0.0.1:%d/_admin/route -d '{"routeTableId": "rtb-0demoprivate", "destination": "10.1.0.20/32", "networkInterfaceId": "eni-0demo2222"}'
          move the group:         %sgroup move failover1 --to node2 --config %s
          restart a killed node:  AWS_ACCESS_KEY_ID=AKIADEMONODE1 AWS_SECRET_ACCESS_KEY=x \\
                                  %snode --config %s/node1/cluster.yaml --server node1 --state-dir %s/node1

        Press Ctrl-C to stop the demo (both nodes are stopped with it).
        """, children.get(0).pid(), children.get(1).pid(), dir, dir, password, cli, config, cli, config,
        cli, EMULATOR_PORT, EMULATOR_PORT, cli, config, cli, dir, dir);
  }

  /** Adds an operator "admin" with a fresh random password to the demo file; returns the password. */
  private static String addWebUser(Path config) throws IOException {
    java.security.SecureRandom random = new java.security.SecureRandom();
    byte[] pw = new byte[9];
    random.nextBytes(pw);
    String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(pw);
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    String hash = io.zoneha.web.ManagementAuth.PasswordHash.hash(password, salt, 210_000);
    Files.writeString(config, "management:\n  users:\n    - {name: admin, role: operator, passwordHash: \"" + hash + "\"}\n",
        java.nio.file.StandardOpenOption.APPEND);
    return password;
  }

  private void stopChildren() {
    for (Process p : children) {
      p.destroy();
    }
    for (Process p : children) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
  }

  private static void copyResource(String name, Path to) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing bundled resource " + name);
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
