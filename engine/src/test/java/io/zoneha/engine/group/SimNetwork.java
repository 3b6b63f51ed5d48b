package io.zoneha.engine.group;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * The simulated interconnect: heartbeats are datagrams (lost, delayed, duplicated, reordered);
 * handoffs and forwarded requests ride a reliable connection (delayed, never lost while both ends
 * are up and the link holds). A cut link drops everything at delivery time.
 */
final class SimNetwork {
  record Heartbeat(int incarnation, long seq, java.util.Map<String, Claim> claims) {}

  record Request(GroupAction action) {}

  record Message(int deliverAt, long order, String from, String to, Object body) {}

  private final Random random;
  private final PriorityQueue<Message> inFlight = new PriorityQueue<>(
      (a, b) -> a.deliverAt != b.deliverAt ? Integer.compare(a.deliverAt, b.deliverAt) : Long.compare(a.order, b.order));
  private final Set<String> cutLinks = new HashSet<>();
  private long order;
  double loss;
  double duplication;
  int maxDelay;

  SimNetwork(Random random) {
    this.random = random;
  }

  void sendDatagram(int now, String from, String to, Heartbeat hb) {
    if (random.nextDouble() < loss) {
      return;
    }
    enqueue(now, from, to, hb);
    if (random.nextDouble() < duplication) {
      enqueue(now, from, to, hb);
    }
  }

  void sendReliable(int now, String from, String to, GroupAction action) {
    enqueue(now, from, to, new Request(action));
  }

  private void enqueue(int now, String from, String to, Object body) {
    int delay = 1 + random.nextInt(maxDelay);
    inFlight.add(new Message(now + delay, order++, from, to, body));
  }

  /** Messages due by {@code now}, those on a cut link included: the caller drops them. */
  List<Message> due(int now) {
    List<Message> out = new ArrayList<>();
    while (!inFlight.isEmpty() && inFlight.peek().deliverAt <= now) {
      out.add(inFlight.poll());
    }
    return out;
  }

  void cut(String a, String b) {
    cutLinks.add(key(a, b));
  }

  void heal(String a, String b) {
    cutLinks.remove(key(a, b));
  }

  void healAll() {
    cutLinks.clear();
  }

  boolean isCut(String a, String b) {
    return cutLinks.contains(key(a, b));
  }

  private static String key(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }
}
