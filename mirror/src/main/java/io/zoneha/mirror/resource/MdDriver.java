package io.zoneha.mirror.resource;

import io.vertx.core.Future;
import io.zoneha.engine.config.ServerConfig;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.ActionFailure.Scope;
import io.zoneha.engine.spi.Reason;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.engine.spi.ResourceOperation;
import io.zoneha.mirror.MirrorDisk;
import io.zoneha.mirror.MirrorDiskConfig;
import io.zoneha.mirror.nbd.NbdServer;
import io.zoneha.mirror.replication.MirrorIoException;
import io.zoneha.mirror.storage.DeviceSize;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One md resource on one node. The copy is opened when the driver is created (a standby must
 * receive the mirror); activation promotes it, starts the NBD export and runs the configured
 * commands; deactivation runs the reverse commands, stops the export, flushes and demotes.
 */
final class MdDriver implements ResourceDriver {
  private static final Logger LOG = LoggerFactory.getLogger(MdDriver.class);

  private final ResourceContext ctx;
  private final MdParams params;
  private final Future<MirrorDisk> disk;
  private final MirrorOperations operations;
  private NbdServer export;

  MdDriver(ResourceContext ctx, MdParams params) {
    this.ctx = ctx;
    this.params = params;
    this.operations = new MirrorOperations(ctx.vertx(), ctx.resource().name(), ctx.server());
    // building the config may read the data device's size: file I/O, so off the event loop
    this.disk = ctx.vertx().executeBlocking(() -> MirrorDisk.open(diskConfig()), false)
        .onSuccess(d -> registry().put(ctx.resource().name(), d))
        .recover(t -> Future.failedFuture(new ActionFailure(MirrorErrors.OPEN_FAILED,
            ctx.resource().name() + ": cannot open the mirror disk: " + t.getMessage(), Scope.FAIL_OVER, t)));
  }

  private MirrorRegistry registry() {
    return ctx.services().get(MirrorRegistry.class, MirrorRegistry::new);
  }

  /** The peer is the other server of the group (else of the cluster); the smaller name dials. */
  private MirrorDiskConfig diskConfig() {
    ServerConfig self = ctx.cluster().server(ctx.server())
        .orElseThrow(() -> new IllegalArgumentException("server " + ctx.server() + " is not in the cluster"));
    List<String> candidates = ctx.cluster().group(ctx.group()).map(g -> g.startupServers()).orElse(List.of());
    ServerConfig peer = ctx.cluster().servers().stream()
        .filter(s -> !s.name().equals(ctx.server()))
        .filter(s -> candidates.isEmpty() || candidates.contains(s.name()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(ctx.resource().name() + ": no peer server for the mirror"));
    int peerPort = MdParams.parse(ctx.resource().paramsFor(peer.name()), ctx.resource().name()).params().mirrorPort();
    var settings = params.settings(params.resolveSize(new DeviceSize()))
        .withInitialCopy(params.initialCopyFor(ctx.server(), peer.name()));
    return new MirrorDiskConfig(ctx.resource().name(), params.dataPath(), params.clusterPath(), settings,
        new InetSocketAddress(self.primaryAddress(), params.mirrorPort()),
        new InetSocketAddress(peer.primaryAddress(), peerPort),
        ctx.server().compareTo(peer.name()) < 0);
  }

  @Override
  public Future<Void> activate(Reason reason) {
    return disk.compose(d -> Future.fromCompletionStage(d.becomePrimary(false))
            .recover(t -> Future.failedFuture(promotionFailure(t)))
            .compose(v -> startExport(d)))
        .compose(v -> runCommands(params.commands(), "activation"))
        .onSuccess(v -> LOG.info("md {} active on {} ({})", ctx.resource().name(), ctx.server(), reason));
  }

  private ActionFailure promotionFailure(Throwable t) {
    Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    if (c instanceof MirrorIoException m && m.kind() == MirrorIoException.Kind.NOT_UP_TO_DATE) {
      return new ActionFailure(MirrorErrors.NOT_UP_TO_DATE, c.getMessage(), Scope.FAIL_OVER, c);
    }
    if (c instanceof MirrorIoException m && m.kind() == MirrorIoException.Kind.NO_INITIAL_COPY) {
      return new ActionFailure(MirrorErrors.NO_INITIAL_COPY, c.getMessage(), Scope.FAIL_OVER, c);
    }
    if (c instanceof MirrorIoException m && m.kind() == MirrorIoException.Kind.NOT_PRIMARY) {
      return new ActionFailure(MirrorErrors.PEER_IS_PRIMARY, c.getMessage(), Scope.RETRY_HERE, c);
    }
    return ActionFailure.of(c, MirrorErrors.OPEN_FAILED);
  }

  private synchronized Future<Void> startExport(MirrorDisk d) {
    if (export != null) {
      return Future.succeededFuture();
    }
    return ctx.vertx().executeBlocking(() -> {
      NbdServer s = NbdServer.start(d, new InetSocketAddress(params.nbdHost(), params.nbdPort()), params.exportName());
      synchronized (this) {
        export = s;
      }
      return (Void) null;
    }, false).recover(t -> Future.failedFuture(new ActionFailure(MirrorErrors.EXPORT_FAILED,
        ctx.resource().name() + ": NBD export on " + params.nbdHost() + ":" + params.nbdPort() + " failed: "
            + t.getMessage(), Scope.RETRY_HERE, t)));
  }

  @Override
  public java.util.Map<String, Object> details() {
    if (!disk.isComplete()) {
      return MirrorDetails.unavailable("opening", "");
    }
    return disk.succeeded() ? MirrorDetails.of(disk.result().stats(), disk.result().paused())
        : MirrorDetails.unavailable("error", disk.cause().getMessage());
  }

  @Override
  public Future<ResourceOperation.Result> operate(ResourceOperation op) {
    return disk.compose(d -> operations.run(d, op));
  }

  @Override
  public Future<Void> deactivate(Reason reason) {
    return runCommands(params.deactivateCommands(), "deactivation")
        .compose(v -> stopExport())
        .compose(v -> disk)
        .compose(d -> Future.fromCompletionStage(d.demote()))
        .recover(t -> Future.failedFuture(t instanceof ActionFailure ? t : new ActionFailure(
            MirrorErrors.DEACTIVATE_FAILED, ctx.resource().name() + ": " + t.getMessage(), Scope.RETRY_HERE, t)))
        .onSuccess(v -> LOG.info("md {} inactive on {} ({})", ctx.resource().name(), ctx.server(), reason));
  }

  private Future<Void> stopExport() {
    NbdServer s;
    synchronized (this) {
      s = export;
      export = null;
    }
    if (s == null) {
      return Future.succeededFuture();
    }
    return ctx.vertx().executeBlocking(() -> {
      s.close();
      return (Void) null;
    }, false);
  }

  private Future<Void> runCommands(List<String> commands, String phase) {
    Future<Void> f = Future.succeededFuture();
    for (String cmd : commands) {
      f = f.compose(v -> ctx.vertx().executeBlocking(() -> runCommand(cmd, phase), false));
    }
    return f;
  }

  private Void runCommand(String cmd, String phase) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", cmd).redirectErrorStream(true);
    pb.environment().put("ZONEHA_NBD_HOST", params.nbdHost());
    pb.environment().put("ZONEHA_NBD_PORT", String.valueOf(params.nbdPort()));
    pb.environment().put("ZONEHA_NBD_EXPORT", params.exportName());
    Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(params.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new ActionFailure(MirrorErrors.COMMAND_FAILED, ctx.resource().name() + ": " + phase + " command timed out after "
          + params.commandTimeout() + ": " + cmd, Scope.RETRY_HERE);
    }
    if (p.exitValue() != 0) {
      throw new ActionFailure(MirrorErrors.COMMAND_FAILED, ctx.resource().name() + ": " + phase + " command exited with "
          + p.exitValue() + ": " + cmd, Scope.RETRY_HERE);
    }
    return null;
  }

  @Override
  public Future<Void> close() {
    return stopExport().transform(ignored -> disk.transform(ar -> {
      if (ar.succeeded()) {
        registry().remove(ctx.resource().name(), ar.result());
        return ctx.vertx().executeBlocking(() -> {
          ar.result().close();
          return (Void) null;
        }, false);
      }
      return Future.succeededFuture();
    }));
  }
}
