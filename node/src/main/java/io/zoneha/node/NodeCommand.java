package io.zoneha.node;

import io.vertx.core.Future;
import io.zoneha.engine.apply.ApplyPlan;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.node.NodeLauncher;
import io.zoneha.engine.spi.TypeRegistry;
import io.zoneha.web.ConfigChecks;
import io.zoneha.web.ConfigReloader;
import io.zoneha.web.ConfigStore;
import io.zoneha.web.ManagementApiVerticle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "node", description = "Run this server's cluster node in the foreground.")
final class NodeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--config", defaultValue = "/etc/zoneha/cluster.yaml", description = "cluster.yaml")
  Path config;

  @Option(names = "--server", required = true, description = "name of this server in cluster.yaml")
  String server;

  @Option(names = "--state-dir", description = "where the node keeps its state (default /var/lib/zoneha/SERVER)")
  Path stateDir;

  private Path dir;
  private volatile NodeLauncher launcher;

  @Override
  public Integer call() throws Exception {
    Path dir = stateDir != null ? stateDir : Path.of("/var/lib/zoneha", server);
    Files.createDirectories(dir);
    // before the first logger is created, so the file appender writes next to the state
    System.setProperty("zoneha.server", server);
    System.setProperty("zoneha.log.file", dir.resolve("zoneha.log").toString());
    ClusterConfig cfg = ConfigFiles.require(config, spec.commandLine().getErr());
    if (cfg.server(server).isEmpty()) {
      throw new Main.UsageError("--server: no server named '" + server + "' in " + config);
    }
    this.dir = dir;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        launcher.stop("process is terminating").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the JVM is going down either way
      }
      stopped.countDown();
    }, "zoneha-shutdown"));
    run(cfg);
    stopped.await();
    return 0;
  }

  /** Starts the cluster service with a loaded config; the management API can replace it (apply). */
  private void run(ClusterConfig cfg) throws Exception {
    String yamlText = Files.readString(config);
    launcher = new NodeLauncher(cfg, server, TypeRegistry.load(), dir);
    ConfigReloader reloader = new ConfigReloader() {
      @Override
      public void reload(String newText) {
        NodeCommand.this.reload();
      }

      @Override
      public Future<List<String>> install(String newText, ClusterConfig next, ApplyPlan plan) {
        return launcher.install(next, newText, plan);
      }
    };
    ManagementApiVerticle.Apply apply = new ManagementApiVerticle.Apply(new ConfigStore(config), reloader);
    launcher.start(List.of(l -> new ManagementApiVerticle(l.config(), l.server(), yamlText, ConfigChecks.loader(), apply)))
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  /**
   * A new cluster.yaml that needs a cluster service restart was installed by a config apply (the
   * others are taken by the running node, see ConfigReloader#install): stop the cluster service (groups stop and
   * may fail over) and start it again from the file, in this same process.
   */
  private void reload() {
    new Thread(() -> {
      try {
        launcher.stop("applying a new configuration").toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        ClusterConfig next = ConfigFiles.require(config, spec.commandLine().getErr());
        run(next);
      } catch (Exception e) {
        // the file was validated here before it was installed; a failure now leaves nothing to run
        spec.commandLine().getErr().println("reload with " + config + " failed: " + e);
        spec.commandLine().getErr().flush();
        System.exit(1);
      }
    }, "zoneha-reload").start();
  }
}
