package io.zoneha.engine.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order in which a rolling apply restarts the cluster service. Servers that run no group go
 * first: restarting them moves nothing. Then the servers that run groups, fewest groups first, so
 * the groups they hand over land on servers that already run the new configuration and never move
 * a second time because of the apply. Ties keep the cluster's priority order. Pure.
 */
public final class RestartOrder {
  private RestartOrder() {}

  /**
   * @param servers every server, in priority order
   * @param groupsHeld how many groups each server runs now (missing = none)
   */
  public static List<String> of(List<String> servers, Map<String, Integer> groupsHeld) {
    List<String> order = new ArrayList<>(servers);
    // List.sort is stable: equal counts keep the priority order
    order.sort(Comparator.comparingInt(s -> groupsHeld.getOrDefault(s, 0)));
    return List.copyOf(order);
  }

  /** The servers that restart before {@code server} does. */
  public static List<String> before(List<String> order, String server) {
    int i = order.indexOf(server);
    if (i < 0) {
      throw new IllegalArgumentException("server " + server + " is not in the restart order " + order);
    }
    return order.subList(0, i);
  }
}
