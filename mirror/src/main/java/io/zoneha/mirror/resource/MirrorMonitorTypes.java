package io.zoneha.mirror.resource;

import io.vertx.core.Future;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.MonitorContext;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.engine.spi.MonitorType;
import io.zoneha.mirror.replication.MirrorStats;
import io.zoneha.mirror.replication.PeerState;
import io.zoneha.mirror.storage.DiskState;
import java.util.List;
import java.util.function.Function;

/** The {@code mdw} (mirror state) and {@code mdnw} (mirror connection) monitors. */
public final class MirrorMonitorTypes {
  public static final String MIRROR = "mirror";

  private MirrorMonitorTypes() {}

  /** Judges the copy: split brain and refusal are errors; an inconsistent copy or a resync warns. */
  public static MonitorResult judgeState(MirrorStats s) {
    if (s.peerState() == PeerState.SPLIT_BRAIN) {
      return MonitorResult.error(MirrorErrors.SPLIT_BRAIN, "split brain: " + s.lastProblem());
    }
    if (s.peerState() == PeerState.REFUSED) {
      return MonitorResult.error(MirrorErrors.PAIR_REFUSED, "the copies cannot be paired: " + s.lastProblem());
    }
    if (s.diskState() != DiskState.UP_TO_DATE) {
      return MonitorResult.warning(MirrorErrors.LOCAL_COPY_NOT_UP_TO_DATE, String.format(
          "local copy is %s (resync %.1f%%)", s.diskState(), s.syncPercent()));
    }
    if (s.peerState() == PeerState.SYNC_SOURCE || s.peerState() == PeerState.SYNC_TARGET) {
      return MonitorResult.warning(MirrorErrors.RESYNC_RUNNING, String.format("resync %.1f%%", s.syncPercent()));
    }
    return MonitorResult.normal();
  }

  /** Judges the link: anything but a live session is an error (the mirror is degraded). */
  public static MonitorResult judgeConnection(MirrorStats s) {
    if (s.peerState().connected()) {
      return MonitorResult.normal();
    }
    String why = s.lastProblem().isEmpty() ? "" : " (" + s.lastProblem() + ")";
    return MonitorResult.error(MirrorErrors.PEER_DISCONNECTED, "mirror peer is " + s.peerState()
        + "; " + s.dirtyBytes() + " bytes tracked for resync" + why);
  }

  abstract static class Base implements MonitorType {
    @Override
    public List<FieldProblem> validate(Params params) {
      return params.optString(MIRROR).filter(v -> !v.isBlank()).isPresent()
          ? List.of() : List.of(new FieldProblem(MIRROR, "required: the name of the md resource to watch"));
    }

    MonitorDriver driver(MonitorContext ctx, Function<MirrorStats, MonitorResult> judge) {
      String resource = ctx.params().string(MIRROR);
      MirrorRegistry registry = ctx.services().get(MirrorRegistry.class, MirrorRegistry::new);
      return () -> Future.succeededFuture(registry.get(resource)
          .map(d -> judge.apply(d.stats()))
          .orElse(MonitorResult.error(MirrorErrors.NOT_OPEN, "mirror disk " + resource + " is not open on this server")));
    }
  }

  /** {@code mdw}. */
  public static final class StateMonitor extends Base {
    @Override
    public String type() {
      return "mdw";
    }

    @Override
    public MonitorDriver create(MonitorContext context) {
      return driver(context, MirrorMonitorTypes::judgeState);
    }
  }

  /** {@code mdnw}. */
  public static final class ConnectionMonitor extends Base {
    @Override
    public String type() {
      return "mdnw";
    }

    @Override
    public MonitorDriver create(MonitorContext context) {
      return driver(context, MirrorMonitorTypes::judgeConnection);
    }
  }
}
