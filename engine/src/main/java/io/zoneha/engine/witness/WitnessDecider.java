package io.zoneha.engine.witness;

/**
 * Decides what a lost peer's silence means when a witness server is configured. Pure: every time
 * and timeout is an argument; no clock, socket or Vert.x class is used.
 *
 * <p>The rules pair a lease on this node's side with a longer wait on the other side, so that the
 * two servers of a broken cluster can never both hold a group because of what the witness said:
 *
 * <ul>
 *   <li>A node keeps the right to hold groups after losing its peer only while its own last answered
 *       report to the witness was sent less than {@code timeout} ago (its lease). Without it, it is
 *       {@link Verdict#ISOLATED} and stops its groups, whatever its other NP targets say.
 *   <li>A node takes over a lost peer only when the witness has not heard the peer for at least
 *       {@code timeout + interval} (the peer's lease has expired and the peer has had one more
 *       interval to act on that) and it has itself missed the peer for at least {@code 2 x interval}
 *       (the peer has noticed the loss too; the two sides notice it up to one interval apart).
 *   <li>A peer the witness heard within {@code timeout} is alive: only the interconnect is broken, so
 *       nothing moves ({@link Verdict#PEER_ALIVE}).
 *   <li>In between, the node asks again ({@link Verdict#WAIT}); the silence grows until a rule fits.
 * </ul>
 */
public final class WitnessDecider {
  private WitnessDecider() {}

  /** What to do about a lost peer. */
  public enum Verdict {
    /** The witness stopped hearing the peer as well: it is down, its groups may fail over. */
    PEER_DOWN,
    /** The witness still hears the peer: only the interconnect is broken; take nothing over. */
    PEER_ALIVE,
    /** Not settled yet: ask again after an interval. */
    WAIT,
    /** This node has no fresh answer from the witness: it is cut off and must stop its groups. */
    ISOLATED
  }

  /**
   * The facts one decision rests on, all in milliseconds.
   *
   * @param ownContactAge time since this node sent the latest report the witness answered
   *     ({@link Long#MAX_VALUE} when it never got an answer)
   * @param peerSilence how long the witness has not heard the peer, at least, as of now (its
   *     answer's age plus the time since that answer; {@link Long#MAX_VALUE} when unknown)
   * @param peerLostFor how long this node has considered the peer down (no heartbeat on any
   *     interconnect)
   * @param timeout {@code heartbeat.timeout}
   * @param interval {@code heartbeat.interval}
   */
  public record Input(long ownContactAge, long peerSilence, long peerLostFor, long timeout, long interval) {
    public Input {
      if (timeout <= 0 || interval <= 0 || ownContactAge < 0 || peerSilence < 0 || peerLostFor < 0) {
        throw new IllegalArgumentException("witness decision input out of range: own contact " + ownContactAge
            + ", peer silence " + peerSilence + ", lost for " + peerLostFor + ", timeout " + timeout + ", interval " + interval);
      }
    }
  }

  /** A verdict with the reason an operator reads in the log and the alerts. */
  public record Decision(Verdict verdict, String reason) {}

  public static Decision decide(Input in) {
    if (in.ownContactAge() >= in.timeout()) {
      return new Decision(Verdict.ISOLATED, in.ownContactAge() == Long.MAX_VALUE ? "never had an answer from the witness"
          : "no answer from the witness for " + in.ownContactAge() + " ms (limit " + in.timeout() + " ms)");
    }
    if (in.peerSilence() < in.timeout()) {
      return new Decision(Verdict.PEER_ALIVE, "the witness heard it " + in.peerSilence() + " ms ago");
    }
    long silenceNeeded = in.timeout() + in.interval();
    long lossNeeded = 2 * in.interval();
    if (in.peerSilence() >= silenceNeeded && in.peerLostFor() >= lossNeeded) {
      return new Decision(Verdict.PEER_DOWN, silence(in.peerSilence()));
    }
    return new Decision(Verdict.WAIT, silence(in.peerSilence()) + "; waiting for " + silenceNeeded + " ms of witness silence and " + lossNeeded + " ms of loss");
  }

  private static String silence(long ms) {
    return ms == Long.MAX_VALUE ? "the witness has never heard it" : "the witness has not heard it for " + ms + " ms";
  }

  /** Whether a starting node that does not hear every server may start groups on its own. */
  public enum StartVerdict {
    /** Every server it does not hear has been silent at the witness too: start alone. */
    START_ALONE,
    /** The witness hears a server this node does not: it may run groups; wait for its heartbeats. */
    WAIT_PEER_ALIVE,
    /** No fresh answer from the witness: nothing tells whether the others run groups; wait. */
    WAIT_FOR_WITNESS
  }

  public record StartDecision(StartVerdict verdict, String reason) {}

  /**
   * After the startup wait, a node that does not hear some servers asks the witness before
   * starting groups alone (a restarted node behind a cut interconnect would otherwise start what
   * the other side still runs). {@code unheardSilence}: for each server this node does not hear,
   * how long the witness has not heard it, at least ({@link Long#MAX_VALUE} when unknown). A
   * server counts as gone with the same margin as a takeover: {@code timeout + interval}.
   */
  public static StartDecision decideStart(long ownContactAge, java.util.Map<String, Long> unheardSilence,
      long timeout, long interval) {
    if (timeout <= 0 || interval <= 0 || ownContactAge < 0) {
      throw new IllegalArgumentException("start decision input out of range: own contact " + ownContactAge
          + ", timeout " + timeout + ", interval " + interval);
    }
    if (unheardSilence.isEmpty()) {
      return new StartDecision(StartVerdict.START_ALONE, "every server is heard");
    }
    if (ownContactAge >= timeout) {
      return new StartDecision(StartVerdict.WAIT_FOR_WITNESS, ownContactAge == Long.MAX_VALUE
          ? "no answer from the witness yet" : "no answer from the witness for " + ownContactAge + " ms");
    }
    for (var e : new java.util.TreeMap<>(unheardSilence).entrySet()) {
      if (e.getValue() < timeout + interval) {
        return new StartDecision(StartVerdict.WAIT_PEER_ALIVE, "the witness heard " + e.getKey() + " "
            + e.getValue() + " ms ago, but " + e.getKey() + " sends no heartbeats here");
      }
    }
    return new StartDecision(StartVerdict.START_ALONE, "the witness has not heard " + String.join(", ", new java.util.TreeSet<>(unheardSilence.keySet()))
            + " for at least " + (timeout + interval) + " ms");
  }
}
