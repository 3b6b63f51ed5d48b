package io.zoneha.mirror.resource;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.ActionFailure.Scope;
import io.zoneha.engine.spi.ResourceOperation;
import io.zoneha.engine.spi.ResourceOperation.Result;
import io.zoneha.mirror.MirrorDisk;
import io.zoneha.mirror.replication.OnlineVerify;
import io.zoneha.mirror.storage.DiskRole;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The operator actions of an md resource on one node: verify (on the primary), pause and resume
 * replication (the link is cut, writes are tracked in the bitmap and resynced on resume), and
 * split-brain recovery (the chosen source keeps its data, every other copy discards its own).
 */
final class MirrorOperations {
  static final String VERIFY = "verify";
  static final String PAUSE = "pause";
  static final String RESUME = "resume";
  static final String RECOVER = "recover";
  /** recover: the server whose copy is kept. */
  static final String SOURCE = "source";

  private final Vertx vertx;
  private final String resource;
  private final String server;

  MirrorOperations(Vertx vertx, String resource, String server) {
    this.vertx = vertx;
    this.resource = resource;
    this.server = server;
  }

  Future<Result> run(MirrorDisk d, ResourceOperation op) {
    return switch (op.op()) {
      case VERIFY -> verify(d);
      case PAUSE -> pause(d);
      case RESUME -> resume(d);
      case RECOVER -> recover(d, op.args().get(SOURCE));
      default -> Future.failedFuture(new ActionFailure(98, resource + ": no operation '" + op.op()
          + "' (verify, pause, resume, recover)", Scope.GIVE_UP));
    };
  }

  private Future<Result> verify(MirrorDisk d) {
    if (d.stats().role() != DiskRole.PRIMARY) {
      return Future.succeededFuture(new Result("secondary on " + server + ": verify runs on the primary",
          Map.of("skipped", true)));
    }
    return from(d.verify()).map(ranges -> {
      long bytes = ranges.stream().mapToLong(OnlineVerify.Range::length).sum();
      List<Map<String, Object>> list = ranges.stream()
          .map(r -> Map.<String, Object>of("offset", r.offset(), "length", r.length())).toList();
      String msg = ranges.isEmpty() ? "verify of " + resource + " found both copies identical"
          : "verify of " + resource + " found " + ranges.size() + " differing range(s), " + bytes + " bytes";
      return new Result(msg, Map.of("differingRanges", list, "differingBytes", bytes));
    });
  }

  /** The pause is kept in the cluster partition: the copy stays paused across restarts until resumed. */
  private Future<Result> pause(MirrorDisk d) {
    return vertx.executeBlocking(d::pauseReplication, false).compose(MirrorOperations::from)
        .map(v -> Result.of("replication of " + resource + " paused on " + server
            + " (also after a restart, until resume); changes are tracked for resync"));
  }

  private Future<Result> resume(MirrorDisk d) {
    return from(d.resumeReplication()).compose(v -> from(d.resume()))
        .map(v -> Result.of("replication of " + resource + " resumed on " + server));
  }

  private Future<Result> recover(MirrorDisk d, String source) {
    if (source == null || source.isBlank()) {
      return Future.failedFuture(new ActionFailure(98, "source: required (the server whose copy is kept)",
          Scope.GIVE_UP));
    }
    return from(d.resumeReplication()).compose(v -> recoverFrom(d, source));
  }

  private Future<Result> recoverFrom(MirrorDisk d, String source) {
    if (source.equals(server)) {
      return from(d.resume()).map(v -> Result.of(server + " keeps its copy of " + resource
          + "; the other copy resyncs from it"));
    }
    if (d.stats().role() == DiskRole.PRIMARY) {
      return Future.failedFuture(new ActionFailure(MirrorErrors.PEER_IS_PRIMARY, resource + " is primary on " + server
          + ": move its group to " + source + " (or stop it) before discarding this copy", Scope.GIVE_UP));
    }
    return from(d.discardLocalData()).map(v -> Result.of(server + " discarded its changes to " + resource
        + "; a full copy from " + source + " follows"));
  }

  private static <T> Future<T> from(java.util.concurrent.CompletableFuture<T> f) {
    return Future.fromCompletionStage(f).recover(t -> {
      Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
      return Future.failedFuture(new ActionFailure(MirrorErrors.OPERATION_REFUSED, c.getMessage(), Scope.GIVE_UP, c));
    });
  }
}
