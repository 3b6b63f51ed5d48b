package io.zoneha.node.it;

import io.vertx.core.json.JsonObject;
import io.zoneha.web.ManagementAuth;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A throwaway cluster of node JVMs on loopback addresses 127.B.N.1, 127.B.N.2, ... (one N per
 * test class so classes never share an address). Writes cluster.yaml, starts, signals and kills
 * nodes by PID, and waits on status conditions. {@link #close()} kills everything and deletes
 * the directory, also when the test failed.
 */
final class TestCluster implements AutoCloseable {
  static final String SECRET = "test-secret-0123456789abcdef";

  final Path dir;
  final Path config;
  final int subnet;
  private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> env = new LinkedHashMap<>();
  private final Map<String, List<String>> prefixes = new LinkedHashMap<>();
  private final Map<Integer, String> managementHosts = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  TestCluster(int subnet, String yaml) throws IOException {
    claim(subnet);
    this.subnet = subnet;
    this.dir = Files.createTempDirectory("zoneha-it-");
    this.config = dir.resolve("cluster.yaml");
    Files.writeString(config, yaml.replace("@DIR@", dir.toString()));
  }

  /** Which test class uses each subnet: two classes on one subnet would talk to each other's nodes. */
  private static final Map<Integer, String> OWNERS = new ConcurrentHashMap<>();

  private static void claim(int subnet) {
    if (subnet <= 0) {
      return; // addresses in network namespaces the test made, not 127.B.N.x
    }
    String owner = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.map(f -> f.getDeclaringClass().getName())
            .filter(n -> !n.equals(TestCluster.class.getName())).findFirst().orElse("?"));
    String before = OWNERS.putIfAbsent(subnet, owner);
    if (before != null && !before.equals(owner)) {
      throw new IllegalStateException("subnet " + subnet + " is already used by " + before + "; pick another for " + owner);
    }
  }

  /**
   * Second octet of every address of this test JVM. Several worktrees run these tests on one
   * machine at the same time, with the same subnets and ports; a block per run (from the PID, so
   * reruns differ) keeps their clusters apart. Blocks 100..249 stay clear of 127.0.x (demo, benches).
   */
  static final int BLOCK = 100 + (int) (ProcessHandle.current().pid() % 150);

  /** Address of server i (1-based) for this test class. */
  static String addr(int subnet, int i) {
    return "127." + BLOCK + "." + subnet + "." + i;
  }

  /** Extra environment variables of a server's process, used by every later (re)start. */
  TestCluster env(String server, Map<String, String> vars) {
    env.put(server, Map.copyOf(vars));
    return this;
  }

  private Map<String, String> envOf(String server) {
    return env.getOrDefault(server, Map.of());
  }

  /** Runs a server's process inside network namespace {@code ns} (the test made it). */
  TestCluster netns(String server, String ns) {
    prefixes.put(server, List.of("ip", "netns", "exec", ns));
    return this;
  }

  /** Where server {@code index}'s management endpoint listens, when not on its loopback address. */
  TestCluster managementHost(int index, String host) {
    managementHosts.put(index, host);
    return this;
  }

  void start(String... servers) throws IOException {
    for (String s : servers) {
      nodes.put(s, NodeProcess.start(config, s, dir, envOf(s), prefixes.getOrDefault(s, List.of())));
    }
  }

  /** Like {@link #start} but each node gets its own copy of cluster.yaml (as on real servers). */
  void startWithOwnConfig(String... servers) throws IOException {
    for (String s : servers) {
      Path own = configOf(s);
      Files.copy(config, own, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      nodes.put(s, NodeProcess.start(own, s, dir, envOf(s), prefixes.getOrDefault(s, List.of())));
    }
  }

  /** Starts a (killed) node again with the file it had. */
  void restart(String server) throws IOException {
    Path own = configOf(server);
    nodes.put(server, NodeProcess.start(Files.exists(own) ? own : config, server, dir, envOf(server),
        prefixes.getOrDefault(server, List.of())));
  }

  Path configOf(String server) {
    return dir.resolve("cluster-" + server + ".yaml");
  }

  NodeProcess node(String server) {
    return nodes.get(server);
  }

  /** The status as seen by one node, or empty if it does not answer. */
  Optional<JsonObject> status(String server, int index) {
    String host = managementHosts.getOrDefault(index, addr(subnet, index));
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host + ":29001/api/v1/status"))
        .timeout(Duration.ofSeconds(3)).header("Authorization", "Bearer " + ManagementAuth.tokenFor(SECRET)).build();
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(new JsonObject(r.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  HttpResponse<String> post(int index, String path, String body) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + addr(subnet, index) + ":29001" + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ManagementAuth.tokenFor(SECRET))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  /** Polls node {@code index}'s status until the condition holds; fails with the last status and logs. */
  JsonObject await(int index, Duration max, String what, Predicate<JsonObject> condition) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      for (NodeProcess n : nodes.values()) {
        if (n.crashed()) {
          throw new AssertionError(n.server + " exited unexpectedly while waiting for " + what + "\n" + logs());
        }
      }
      Optional<JsonObject> s = status(null, index);
      if (s.isPresent()) {
        last = s.get();
        if (condition.test(last)) {
          return last;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out after " + max.toMillis() + " ms waiting for " + what
        + "\nlast status from node " + index + ": " + (last == null ? "none" : last.encodePrettily()) + "\n" + logs());
  }

  /** Waits until a server's output (its log on stdout) contains {@code text}. */
  void awaitLog(String server, Duration max, String text) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!nodes.get(server).output().contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + max.toMillis() + " ms waiting for '" + text + "' in the log of "
            + server + "\n" + logs());
      }
      Thread.sleep(50);
    }
  }

  static String groupState(JsonObject status, String group) {
    return status.getJsonArray("groups").stream().map(o -> (JsonObject) o)
        .filter(g -> g.getString("name").equals(group)).findFirst().map(g -> g.getString("state")).orElse("?");
  }

  static String groupServer(JsonObject status, String group) {
    return status.getJsonArray("groups").stream().map(o -> (JsonObject) o)
        .filter(g -> g.getString("name").equals(group)).findFirst().map(g -> g.getString("server")).orElse(null);
  }

  static Predicate<JsonObject> groupOnlineOn(String group, String server) {
    return s -> "online".equals(groupState(s, group)) && server.equals(groupServer(s, group));
  }

  String logs() {
    StringBuilder b = new StringBuilder();
    nodes.forEach((name, n) -> {
      String out = n.output();
      b.append("---- ").append(name).append(" (last 60 lines) ----\n");
      String[] lines = out.split("\n");
      for (int i = Math.max(0, lines.length - 60); i < lines.length; i++) {
        b.append(lines[i]).append('\n');
      }
    });
    return b.toString();
  }

  @Override
  public void close() throws IOException {
    nodes.values().forEach(NodeProcess::close);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
