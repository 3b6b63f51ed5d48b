package io.zoneha.node;

import io.vertx.core.Vertx;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.NpTarget;
import io.zoneha.engine.time.Clock;
import io.zoneha.engine.witness.WitnessServerVerticle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zoneha witness}: the tie-breaker server for a third location. It needs only the cluster
 * secret; every node names it as an np target of type witness.
 */
@Command(name = "witness", description = "Run a witness server (tie-breaker in a third location) in the foreground.")
final class WitnessCommand implements Callable<Integer> {
  @Option(names = "--listen", defaultValue = "0.0.0.0:" + NpTarget.DEFAULT_WITNESS_PORT,
      description = "HOST:PORT to listen on (default ${DEFAULT-VALUE})")
  String listen;

  @Option(names = "--secret-file", required = true,
      description = "file holding the cluster secret (the same as cluster.secretFile on the nodes)")
  Path secretFile;

  @Option(names = "--tls-cert", description = "PEM certificate: serve HTTPS (nodes set ssl: true)")
  Path certFile;

  @Option(names = "--tls-key", description = "PEM private key of --tls-cert")
  Path keyFile;

  @Override
  public Integer call() throws Exception {
    System.setProperty("zoneha.server", "witness");
    if ((certFile == null) != (keyFile == null)) {
      throw new Main.UsageError("--tls-cert and --tls-key go together");
    }
    int colon = listen.lastIndexOf(':');
    String host = colon < 0 ? listen : listen.substring(0, colon);
    int port = colon < 0 ? NpTarget.DEFAULT_WITNESS_PORT : parsePort(listen.substring(colon + 1));
    WitnessServerVerticle.Settings settings = new WitnessServerVerticle.Settings(host, port, readSecret(),
        certFile == null ? null : certFile.toString(), keyFile == null ? null : keyFile.toString());
    Vertx vertx = Vertx.vertx();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the JVM is going down either way
      }
      stopped.countDown();
    }, "zoneha-witness-shutdown"));
    try {
      vertx.deployVerticle(new WitnessServerVerticle(settings, Clock.SYSTEM)).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("witness did not start on " + listen + ": " + rootMessage(e));
    }
    stopped.await();
    return 0;
  }

  private static int parsePort(String s) {
    try {
      int p = Integer.parseInt(s);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new Main.UsageError("--listen: port must be 1..65535, got '" + s + "'");
  }

  private String readSecret() {
    String secret;
    try {
      secret = Files.readString(secretFile, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      // names the file and the failure, never content
      throw new Main.UsageError("--secret-file: cannot read '" + secretFile + "': " + e.getClass().getSimpleName());
    }
    if (secret.length() < ClusterConfig.MIN_SECRET_LENGTH) {
      throw new Main.UsageError("--secret-file: '" + secretFile + "' holds fewer than " + ClusterConfig.MIN_SECRET_LENGTH
          + " characters; use the cluster's secret");
    }
    return secret;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
