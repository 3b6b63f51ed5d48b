package io.zoneha.engine.monitor;

import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.MonitorConfig.RecoveryAction;
import io.zoneha.engine.config.MonitorConfig.RecoveryTargetKind;

/**
 * The escalation after a monitor error, as a pure function: reactivate the target up to N times,
 * then fail over up to M times, then the final action, then nothing more.
 */
public final class RecoveryPolicy {
  private RecoveryPolicy() {}

  /** What to do next; {@code counters} are the steps already used in this monitor's episode. */
  public record Decision(Step step, Counters counters) {}

  public record Counters(int reactivations, int failovers, boolean finalDone) {
    public static final Counters ZERO = new Counters(0, 0, false);
  }

  public enum Step { REACTIVATE, FAILOVER, FINAL_STOP_GROUP, FINAL_STOP_CLUSTER_SERVICE, FINAL_NONE, NOTHING }

  public static Decision next(RecoveryAction r, Counters c) {
    if (r.kind() != RecoveryTargetKind.LOCAL_SERVER && c.reactivations() < r.reactivations()) {
      return new Decision(Step.REACTIVATE, new Counters(c.reactivations() + 1, c.failovers(), false));
    }
    if (c.failovers() < r.failovers()) {
      return new Decision(Step.FAILOVER, new Counters(c.reactivations(), c.failovers() + 1, false));
    }
    if (c.finalDone()) {
      return new Decision(Step.NOTHING, c);
    }
    Counters done = new Counters(c.reactivations(), c.failovers(), true);
    return new Decision(finalStep(r.finalAction()), done);
  }

  private static Step finalStep(FinalAction a) {
    return switch (a) {
      case NONE -> Step.FINAL_NONE;
      case STOP_GROUP -> Step.FINAL_STOP_GROUP;
      case STOP_CLUSTER_SERVICE -> Step.FINAL_STOP_CLUSTER_SERVICE;
    };
  }
}
