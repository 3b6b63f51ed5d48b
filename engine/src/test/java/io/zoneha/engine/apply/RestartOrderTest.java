package io.zoneha.engine.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestartOrderTest {
  @Test
  void theStandbyRestartsBeforeTheActive() {
    assertEquals(List.of("node2", "node1"), RestartOrder.of(List.of("node1", "node2"), Map.of("node1", 1)));
    assertEquals(List.of("node1", "node2"), RestartOrder.of(List.of("node1", "node2"), Map.of("node2", 2)));
  }

  @Test
  void withNothingRunningThePriorityOrderStays() {
    assertEquals(List.of("node1", "node2", "node3"), RestartOrder.of(List.of("node1", "node2", "node3"), Map.of()));
  }

  @Test
  void fewerGroupsGoFirstAndTiesKeepPriority() {
    assertEquals(List.of("node4", "node2", "node3", "node1"), RestartOrder.of(List.of("node1", "node2", "node3", "node4"),
        Map.of("node1", 3, "node2", 1, "node3", 1)));
  }

  @Test
  void whoGoesBefore() {
    List<String> order = List.of("node2", "node1");
    assertEquals(List.of(), RestartOrder.before(order, "node2"));
    assertEquals(List.of("node2"), RestartOrder.before(order, "node1"));
    assertThrows(IllegalArgumentException.class, () -> RestartOrder.before(order, "node9"));
  }
}
