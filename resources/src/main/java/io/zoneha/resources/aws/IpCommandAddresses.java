package io.zoneha.resources.aws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.ActionFailure.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Local addresses through iproute2's {@code ip} command, run on a worker thread. */
public final class IpCommandAddresses implements LocalAddresses {
  private static final long TIMEOUT_SECONDS = 10;
  private final Vertx vertx;
  private final String ipCommand;

  public IpCommandAddresses(Vertx vertx) {
    this(vertx, "ip");
  }

  /** {@code ipCommand} may carry a prefix such as {@code ip -n ns1} for tests in a namespace. */
  public IpCommandAddresses(Vertx vertx, String ipCommand) {
    this.vertx = vertx;
    this.ipCommand = ipCommand;
  }

  @Override
  public Future<Boolean> has(String device, String ip) {
    return run(List.of("-o", "-4", "addr", "show", "dev", device))
        .map(out -> out.lines().anyMatch(l -> l.contains(" inet " + ip + "/")));
  }

  @Override
  public Future<Void> add(String device, String ip) {
    return has(device, ip).compose(present -> present ? Future.succeededFuture()
        : run(List.of("addr", "add", ip + "/32", "dev", device)).mapEmpty());
  }

  @Override
  public Future<Void> remove(String device, String ip) {
    return has(device, ip).compose(present -> !present ? Future.succeededFuture()
        : run(List.of("addr", "del", ip + "/32", "dev", device)).mapEmpty());
  }

  private Future<String> run(List<String> args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(ipCommand.trim().split("\\s+")));
    cmd.addAll(args);
    return vertx.executeBlocking(() -> {
      Process p;
      try {
        p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new ActionFailure(AwsCodes.INTERNAL, "cannot run " + cmd.get(0) + ": " + e.getMessage(),
            Scope.FAIL_OVER, e);
      }
      try {
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new ActionFailure(AwsCodes.TIMEOUT, String.join(" ", cmd) + " did not finish within "
              + TIMEOUT_SECONDS + "s", Scope.RETRY_HERE);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
          throw new ActionFailure(AwsCodes.INTERNAL, String.join(" ", cmd) + " failed (exit "
              + p.exitValue() + "): " + out.trim(), Scope.FAIL_OVER);
        }
        return out;
      } finally {
        p.destroy();
      }
    }, false);
  }
}
