package io.zoneha.node.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One ZoneHA node as a separate JVM, started from the test class path, killed by PID. */
final class NodeProcess implements AutoCloseable {
  final String server;
  final Path log;
  private final Process process;
  private volatile boolean killedOnPurpose;

  private NodeProcess(String server, Path log, Process process) {
    this.server = server;
    this.log = log;
    this.process = process;
  }

  static NodeProcess start(Path config, String server, Path dir) throws IOException {
    return start(config, server, dir, java.util.Map.of());
  }

  /** Starts a node whose environment also holds {@code env} (for example AWS credentials). */
  static NodeProcess start(Path config, String server, Path dir, java.util.Map<String, String> env) throws IOException {
    return start(config, server, dir, env, List.of());
  }

  /**
   * Like {@link #start(Path, String, Path, java.util.Map)}, with {@code prefix} in front of the
   * java command (such as {@code ip netns exec NS}, which execs java in place: the PID stays java's).
   */
  static NodeProcess start(Path config, String server, Path dir, java.util.Map<String, String> env, List<String> prefix)
      throws IOException {
    Path stateDir = dir.resolve(server);
    Files.createDirectories(stateDir);
    Path log = dir.resolve(server + ".out");
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(javaBin(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    cmd.addAll(io.zoneha.node.Main.NODE_JVM_FLAGS);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.zoneha.node.Main", "node", "--config", config.toString(),
        "--server", server, "--state-dir", stateDir.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    return new NodeProcess(server, log, p);
  }

  /** {@code zoneha witness} as its own JVM, listening on {@code listen} (HOST:PORT). */
  static NodeProcess startWitness(Path dir, String listen, Path secretFile) throws IOException {
    Path log = dir.resolve("witness.out");
    List<String> cmd = List.of(javaBin(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "io.zoneha.node.Main", "witness", "--listen", listen,
        "--secret-file", secretFile.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new NodeProcess("witness", log, p);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** True when the process ended without the test killing it: a crash worth failing fast on. */
  boolean crashed() {
    return !killedOnPurpose && !process.isAlive();
  }

  void kill9() throws InterruptedException {
    killedOnPurpose = true;
    signal("KILL");
    process.waitFor(10, TimeUnit.SECONDS);
  }

  void signal(String sig) {
    try {
      new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("kill -" + sig + " " + process.pid() + " failed", e);
    }
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      signal("CONT");
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
