package io.zoneha.node;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point of the fat jar. Without a subcommand it runs the local demo. */
@Command(name = "zoneha", mixinStandardHelpOptions = true, version = "ZoneHA 0.1.0",
    description = "High-availability cluster engine for Linux servers on AWS.",
    subcommands = {NodeCommand.class, ValidateCommand.class, StatusCommand.class, GroupCommand.class,
        MonitorCommand.class, MirrorCommand.class, ClusterCommand.class, DemoCommand.class, HashPasswordCommand.class,
        AwsEmulatorCommand.class, AwsRoutesCommand.class, WitnessCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns the exit code (tests call this without exiting). */
  public static int run(String... args) {
    return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main()).setOut(out).setErr(err);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + e.getMessage());
      return e instanceof UsageError ? 2 : 1;
    });
    return cl.execute(args);
  }

  /**
   * JVM flags for node processes started with {@code -cp} (the jar's manifest grants the same
   * access under {@code java -jar}): Hazelcast asks for them and warns at every start without.
   */
  public static final java.util.List<String> NODE_JVM_FLAGS = java.util.List.of(
      "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED");

  @Override
  public void run() {
    new DemoCommand().run();
  }

  /** A mistake of the caller (bad argument, unknown name): exit code 2. */
  static final class UsageError extends RuntimeException {
    UsageError(String message) {
      super(message);
    }
  }
}
