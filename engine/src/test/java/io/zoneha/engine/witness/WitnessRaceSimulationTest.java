package io.zoneha.engine.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two nodes and a witness in simulated time (1 ms steps), driven through {@link WitnessDecider}
 * the way the node drives it: witness reports every interval with random latency, heartbeats every
 * interval, loss detection on a tick, the decider asked on loss and every quarter interval. Random
 * cuts of the interconnect, of one node's path to the witness (before, with or after the
 * interconnect), and crashes. Safety: whenever a node takes over, the other one has already decided
 * to stop (isolated) or is dead. Liveness: a cut interconnect alone moves nothing; a crash behind a
 * cut interconnect is taken over within timeout + 3 intervals.
 */
class WitnessRaceSimulationTest {
  private static final long NEVER = Long.MAX_VALUE;
  private static final long END = 20_000;

  private static final class Node {
    long reportPhase;
    long heartbeatPhase;
    long tickPhase;
    long evalPhase;
    long witnessCutAt = NEVER;
    long killedAt = NEVER;
    long lastHeardPeer;
    long lostAt = NEVER;
    long lastOkSentAt = Long.MIN_VALUE;
    long lastAnswerAt;
    Map<Integer, Long> answerAges;
    long answerUptime;
    long tookOverAt = NEVER;
    long isolatedAt = NEVER;

    boolean alive(long t) {
      return t < killedAt;
    }

    boolean reachesWitness(long t) {
      return t < witnessCutAt && alive(t);
    }

    boolean decided() {
      return tookOverAt != NEVER || isolatedAt != NEVER;
    }
  }

  private record Request(int from, long sentAt, long arriveAt, long answerAt, Map<Integer, Long> answer) {}

  private record Run(Node[] nodes, long cutAt) {}

  private static Run simulate(long seed, long timeout, long interval) {
    Random r = new Random(seed);
    Node[] n = {new Node(), new Node()};
    for (Node x : n) {
      x.reportPhase = r.nextLong(interval);
      x.heartbeatPhase = r.nextLong(interval);
      x.tickPhase = r.nextLong(Math.max(1, interval / 5));
      x.evalPhase = r.nextLong(Math.max(1, interval / 4));
    }
    long cutAt = r.nextInt(10) == 0 ? NEVER : 3000 + r.nextLong(3000);
    int victim = r.nextInt(2);
    switch (r.nextInt(4)) {
      case 0 -> { } // only the interconnect
      case 1 -> n[victim].witnessCutAt = cutAt == NEVER ? 4000 : cutAt + r.nextLong(-2 * timeout, 2 * timeout);
      case 2 -> n[victim].witnessCutAt = cutAt; // the victim loses everything at once
      default -> n[victim].killedAt = (cutAt == NEVER ? 4000 : cutAt) + r.nextLong(0, 3 * timeout);
    }
    long[] witnessHeard = {NEVER, NEVER};
    List<Request> inFlight = new ArrayList<>();
    Map<Integer, Long> heartbeatArrivals = new HashMap<>();
    for (long t = 0; t < END; t++) {
      for (int i = 0; i < 2; i++) {
        Node me = n[i];
        if (me.alive(t) && t % interval == me.reportPhase) {
          long lat1 = r.nextLong(1, 40);
          inFlight.add(new Request(i, t, t + lat1, t + lat1 + r.nextLong(1, 40), new HashMap<>()));
        }
        if (me.alive(t) && t % interval == me.heartbeatPhase && t < cutAt) {
          heartbeatArrivals.put(1 - i, t + r.nextLong(0, 3));
        }
        Long arrival = heartbeatArrivals.get(i);
        if (arrival != null && arrival <= t) {
          heartbeatArrivals.remove(i);
          if (me.alive(t)) {
            me.lastHeardPeer = t;
          }
        }
        if (me.alive(t) && me.lostAt == NEVER && t % Math.max(1, interval / 5) == me.tickPhase
            && t - me.lastHeardPeer >= timeout) {
          me.lostAt = t;
          evaluate(me, 1 - i, t, timeout, interval);
        } else if (me.alive(t) && me.lostAt != NEVER && !me.decided() && t % Math.max(1, interval / 4) == me.evalPhase) {
          evaluate(me, 1 - i, t, timeout, interval);
        }
      }
      deliver(inFlight, n, witnessHeard, t);
    }
    return new Run(n, cutAt);
  }

  private static void deliver(List<Request> inFlight, Node[] n, long[] witnessHeard, long t) {
    for (Request q : List.copyOf(inFlight)) {
      Node from = n[q.from()];
      if (q.arriveAt() == t) {
        if (!from.reachesWitness(q.sentAt())) {
          inFlight.remove(q);
          continue;
        }
        witnessHeard[q.from()] = t;
        // the witness answers with the ages as of the request's arrival
        Map<Integer, Long> ages = new HashMap<>();
        for (int k = 0; k < 2; k++) {
          if (witnessHeard[k] != NEVER) {
            ages.put(k, t - witnessHeard[k]);
          }
        }
        q.answer().putAll(ages);
      }
      if (q.answerAt() == t) {
        inFlight.remove(q);
        if (from.reachesWitness(t) && q.sentAt() > from.lastOkSentAt) {
          from.lastOkSentAt = q.sentAt();
          from.answerAges = q.answer();
          from.answerUptime = q.arriveAt();
          from.lastAnswerAt = t;
        }
      }
    }
  }

  private static void evaluate(Node me, int peer, long t, long timeout, long interval) {
    long contactAge = me.lastOkSentAt == Long.MIN_VALUE ? NEVER : t - me.lastOkSentAt;
    long silence = me.answerAges == null ? NEVER
        : me.answerAges.getOrDefault(peer, me.answerUptime) + (t - me.lastAnswerAt);
    WitnessDecider.Verdict v = WitnessDecider.decide(new WitnessDecider.Input(contactAge, silence, t - me.lostAt,
        timeout, interval)).verdict();
    if (v == WitnessDecider.Verdict.PEER_DOWN) {
      me.tookOverAt = t;
    } else if (v == WitnessDecider.Verdict.ISOLATED) {
      me.isolatedAt = t;
    }
  }

  private static String describe(Run run) {
    StringBuilder b = new StringBuilder("\ninterconnect cut at " + run.cutAt());
    for (int i = 0; i < 2; i++) {
      Node x = run.nodes()[i];
      b.append("\nnode").append(i).append(": witness cut at ").append(x.witnessCutAt).append(", killed at ")
          .append(x.killedAt).append(", lost peer at ").append(x.lostAt).append(", took over at ").append(x.tookOverAt)
          .append(", isolated at ").append(x.isolatedAt).append(", last answered report sent at ").append(x.lastOkSentAt);
    }
    return b.toString();
  }

  @Test
  void neverBothSidesActiveAndCutsAloneMoveNothing() {
    int takeovers = 0;
    int isolations = 0;
    int quiet = 0;
    long[][] timings = {{1500, 200}, {3000, 500}, {1000, 300}};
    for (long seed = 0; seed < 300; seed++) {
      long[] ti = timings[(int) (seed % timings.length)];
      Run run = simulate(seed, ti[0], ti[1]);
      for (int i = 0; i < 2; i++) {
        Node me = run.nodes()[i];
        Node other = run.nodes()[1 - i];
        if (me.tookOverAt != NEVER) {
          takeovers++;
          long otherStopped = Math.min(other.isolatedAt, other.killedAt);
          assertTrue(otherStopped <= me.tookOverAt, "seed " + seed + ": node" + i + " took over at " + me.tookOverAt
              + " but the other node stopped only at " + otherStopped + describe(run));
        }
        isolations += me.isolatedAt != NEVER ? 1 : 0;
        boolean onlyTheLink = other.witnessCutAt == NEVER && other.killedAt == NEVER
            && me.witnessCutAt == NEVER && me.killedAt == NEVER;
        if (onlyTheLink) {
          quiet++;
          assertEquals(NEVER, me.tookOverAt, "seed " + seed + ": a cut interconnect alone made node" + i + " take over");
          assertEquals(NEVER, me.isolatedAt, "seed " + seed + ": a cut interconnect alone isolated node" + i);
        }
        if (other.killedAt != NEVER && me.witnessCutAt == NEVER) {
          assertTrue(me.tookOverAt <= other.killedAt + ti[0] + 3 * ti[1] + 100, "seed " + seed + ": takeover after a crash too late: "
              + me.tookOverAt + " (crash " + other.killedAt + ", cut " + run.cutAt() + ")");
        }
      }
    }
    // the random runs really exercised every branch
    assertTrue(takeovers > 50 && isolations > 50 && quiet > 100, takeovers + " " + isolations + " " + quiet);
  }
}
