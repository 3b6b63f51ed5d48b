package io.zoneha.engine.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.MonitorConfig.RecoveryAction;
import io.zoneha.engine.config.MonitorConfig.RecoveryTargetKind;
import io.zoneha.engine.monitor.RecoveryPolicy.Counters;
import io.zoneha.engine.monitor.RecoveryPolicy.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryPolicyTest {
  private static List<Step> steps(RecoveryAction r, int n) {
    List<Step> out = new ArrayList<>();
    Counters c = Counters.ZERO;
    for (int i = 0; i < n; i++) {
      RecoveryPolicy.Decision d = RecoveryPolicy.next(r, c);
      out.add(d.step());
      c = d.counters();
    }
    return out;
  }

  @Test
  void reactivateThenFailOverThenFinalActionOnce() {
    RecoveryAction r = new RecoveryAction(RecoveryTargetKind.RESOURCE, "app1", 2, 1, FinalAction.STOP_GROUP);
    assertEquals(List.of(Step.REACTIVATE, Step.REACTIVATE, Step.FAILOVER, Step.FINAL_STOP_GROUP, Step.NOTHING),
        steps(r, 5));
  }

  @Test
  void theLocalServerIsNeverReactivated() {
    RecoveryAction r = new RecoveryAction(RecoveryTargetKind.LOCAL_SERVER, "LocalServer", 3, 1,
        FinalAction.STOP_CLUSTER_SERVICE);
    assertEquals(List.of(Step.FAILOVER, Step.FINAL_STOP_CLUSTER_SERVICE, Step.NOTHING), steps(r, 3));
  }

  @Test
  void zeroCountsGoStraightToTheFinalAction() {
    RecoveryAction r = new RecoveryAction(RecoveryTargetKind.GROUP, "failover1", 0, 0, FinalAction.NONE);
    assertEquals(List.of(Step.FINAL_NONE, Step.NOTHING), steps(r, 2));
  }
}
