package io.zoneha.mirror.protocol;

import io.zoneha.mirror.storage.DiskRole;
import io.zoneha.mirror.storage.DiskState;
import io.zoneha.mirror.storage.Generations;

/**
 * What two copies must do when they meet, decided from their handshakes alone (no I/O, no clock).
 * Both sides compute it; {@code decide(a, b)} is the mirror image of {@code decide(b, a)}.
 */
public final class SyncDecision {
  private SyncDecision() {}

  /** The outcome seen from the local side. */
  public enum Outcome {
    /** Both copies hold the same data. */
    NO_SYNC,
    /** The local copy is the source: send blocks to the peer. */
    RESYNC_TO_PEER,
    /** The peer is the source: receive its blocks. */
    RESYNC_FROM_PEER,
    /** Both copies were written independently; the operator must choose one. */
    SPLIT_BRAIN,
    /** The copies cannot be paired (different geometry, unrelated data, two primaries, ...). */
    REFUSE;

    Outcome mirrored() {
      return switch (this) {
        case RESYNC_TO_PEER -> RESYNC_FROM_PEER;
        case RESYNC_FROM_PEER -> RESYNC_TO_PEER;
        default -> this;
      };
    }
  }

  /**
   * {@code full}: every block is copied (the bitmaps cannot tell what differs).
   * {@code firstGeneration}: for a new pair that needs no copy, the generation both sides adopt
   * (the same value on both, computed from both node ids); {@link Generations#NONE} otherwise.
   */
  public record Decision(Outcome outcome, boolean full, String reason, long firstGeneration) {
    public Decision(Outcome outcome, boolean full, String reason) {
      this(outcome, full, reason, Generations.NONE);
    }

    public Decision mirrored() {
      return new Decision(outcome.mirrored(), full, reason, firstGeneration);
    }

    public boolean isResync() {
      return outcome == Outcome.RESYNC_TO_PEER || outcome == Outcome.RESYNC_FROM_PEER;
    }
  }

  public static Decision decide(Hello local, Hello peer) {
    Decision d = compatibility(local, peer);
    if (d == null) {
      d = byGenerations(local, peer);
    }
    return guardPrimary(d, local, peer);
  }

  private static Decision compatibility(Hello l, Hello p) {
    if (l.deviceSize() != p.deviceSize()) {
      return refuse("device size differs: local " + l.deviceSize() + ", peer " + p.deviceSize());
    }
    if (l.blockSize() != p.blockSize() || l.granularity() != p.granularity()) {
      return refuse(String.format("block size / bitmap granularity differ: local %d/%d, peer %d/%d",
          l.blockSize(), l.granularity(), p.blockSize(), p.granularity()));
    }
    if (l.nodeId() == p.nodeId()) {
      return refuse("both copies carry node id " + Long.toHexString(l.nodeId())
          + " (a cluster partition copied to both servers?)");
    }
    if (l.role() == DiskRole.PRIMARY && p.role() == DiskRole.PRIMARY) {
      return refuse("both sides are primary");
    }
    boolean lOk = l.state() == DiskState.UP_TO_DATE;
    boolean pOk = p.state() == DiskState.UP_TO_DATE;
    if (!lOk && !pOk) {
      return refuse("neither copy is up to date (local " + l.state() + ", peer " + p.state() + ")");
    }
    return null;
  }

  private static Decision byGenerations(Hello l, Hello p) {
    Generations a = l.generations();
    Generations b = p.generations();
    if (a.isBlank() && b.isBlank()) {
      return bothBlank(l, p);
    }
    if (a.isBlank() != b.isBlank() && halfAdopted(a.isBlank() ? l : p, a.isBlank() ? p : l)) {
      return new Decision(Outcome.NO_SYNC, false,
          "new pair: the other side already took the first generation and nothing was written since",
          firstGeneration(l.nodeId(), p.nodeId()));
    }
    if (a.isBlank() || b.isBlank()) {
      return fullFrom(!a.isBlank(), (a.isBlank() ? "local" : "peer") + " copy is blank");
    }
    if (a.current() == b.current()) {
      return sameGeneration(l, p);
    }
    if (a.bitmap() == b.current() && b.bitmap() == a.current()) {
      return new Decision(Outcome.SPLIT_BRAIN, false, "each copy claims to have moved on from the other");
    }
    if (a.bitmap() == b.current()) {
      return source(l, true, "local copy moved on from the peer's generation");
    }
    if (b.bitmap() == a.current()) {
      return source(p, false, "peer copy moved on from the local generation");
    }
    if (a.bitmap() != Generations.NONE && a.bitmap() == b.bitmap()) {
      return new Decision(Outcome.SPLIT_BRAIN, false, String.format(
          "both copies were written since shared generation %016x", a.bitmap()));
    }
    if (b.historyContains(a.current()) && a.historyContains(b.current())) {
      return new Decision(Outcome.SPLIT_BRAIN, false, "each copy has the other's generation in its history");
    }
    if (b.historyContains(a.current())) {
      return fullFrom(false, "peer copy is several generations ahead");
    }
    if (a.historyContains(b.current())) {
      return fullFrom(true, "local copy is several generations ahead");
    }
    if (related(a, b)) {
      return new Decision(Outcome.SPLIT_BRAIN, false, "copies share history but both moved on");
    }
    return refuse("the copies hold unrelated data (no shared generation)");
  }

  /**
   * A new pair (neither copy has a generation). Two copies that hold the same bytes (both known
   * blank, or the admin says so with {@code initialCopy: skip}) adopt one shared generation at
   * once, so neither passes through INCONSISTENT. Otherwise the admin's chosen source copies to the
   * other; a known-blank copy may take the other's data (it loses nothing); with neither, the pair
   * is refused rather than silently overwriting one side's data.
   */
  private static Decision bothBlank(Hello l, Hello p) {
    boolean lClean = l.state() == DiskState.UP_TO_DATE && l.dirtyChunks() == 0;
    boolean pClean = p.state() == DiskState.UP_TO_DATE && p.dirtyChunks() == 0;
    if (lClean != pClean) {
      // an interrupted initial copy (or a discarded copy): its data is partial, copy over it
      return fullFrom(lClean, (lClean ? "peer" : "local") + " copy of a new pair holds partial data");
    }
    if (!lClean) {
      // both hold stray bits (never both inconsistent: compatibility refused that)
      boolean localSource = l.state() == DiskState.UP_TO_DATE
          && (p.state() != DiskState.UP_TO_DATE || Long.compareUnsigned(l.nodeId(), p.nodeId()) > 0);
      return fullFrom(localSource, "both copies of a new pair hold stray dirty blocks");
    }
    InitialCopy lc = l.initialCopy();
    InitialCopy pc = p.initialCopy().mirrored();
    if (lc != InitialCopy.UNSET && pc != InitialCopy.UNSET && lc != pc) {
      return refuse("the servers disagree on initialCopy (local side: " + lc + ", peer side: " + pc.mirrored()
          + "); give both the same setting");
    }
    InitialCopy choice = lc != InitialCopy.UNSET ? lc : pc;
    switch (choice) {
      case LOCAL:
        return fullFrom(true, "new pair: initialCopy names the local copy as the source");
      case PEER:
        return fullFrom(false, "new pair: initialCopy names the peer copy as the source");
      case SKIP:
        return new Decision(Outcome.NO_SYNC, false, "new pair, initialCopy: skip (the admin states both copies match)",
            firstGeneration(l.nodeId(), p.nodeId()));
      default:
        break;
    }
    if (l.knownBlank() && p.knownBlank()) {
      return new Decision(Outcome.NO_SYNC, false, "new pair, both copies known blank: nothing to copy",
          firstGeneration(l.nodeId(), p.nodeId()));
    }
    if (l.knownBlank() != p.knownBlank()) {
      return fullFrom(p.knownBlank(), "new pair: the " + (l.knownBlank() ? "local" : "peer")
          + " copy is known blank and takes the other's data");
    }
    return refuse(NO_INITIAL_COPY_SOURCE);
  }

  /** Why a new pair with data of unknown content on both sides is refused, and what to do. */
  public static final String NO_INITIAL_COPY_SOURCE = "new pair: neither copy is known to be blank (both data "
      + "partitions existed before the mirror) and no initial-copy source is chosen; set the md parameter "
      + "initialCopy to the server whose data to keep (or skip if both are blank), or run "
      + "'zoneha mirror recover --source <server>'";

  /**
   * The pairing of two blank copies reached only one side (the other dropped the session, e.g. a
   * promotion raced the handshake): the other side holds exactly the first generation, with
   * nothing written since (a write without the peer would have started a new generation, one
   * with the peer would have reached this copy), so the data is still the same.
   */
  private static boolean halfAdopted(Hello blank, Hello other) {
    return blank.state() == DiskState.UP_TO_DATE && blank.dirtyChunks() == 0
        && (blank.knownBlank() || blank.initialCopy() == InitialCopy.SKIP)
        && other.state() == DiskState.UP_TO_DATE && other.dirtyChunks() == 0
        && other.generations().equals(Generations.of(firstGeneration(blank.nodeId(), other.nodeId()),
            Generations.NONE, Generations.NONE, Generations.NONE));
  }

  /**
   * The first generation of a new pair: a mix of both node ids, independent of which side
   * computes it, never {@link Generations#NONE}.
   */
  public static long firstGeneration(long nodeA, long nodeB) {
    long lo = Long.compareUnsigned(nodeA, nodeB) <= 0 ? nodeA : nodeB;
    long hi = lo == nodeA ? nodeB : nodeA;
    long z = lo * 0x9E3779B97F4A7C15L + hi;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return z == Generations.NONE ? 1 : z;
  }

  private static Decision sameGeneration(Hello l, Hello p) {
    if (l.state() != DiskState.UP_TO_DATE) {
      return new Decision(Outcome.RESYNC_FROM_PEER, false, "local copy is " + l.state());
    }
    if (p.state() != DiskState.UP_TO_DATE) {
      return new Decision(Outcome.RESYNC_TO_PEER, false, "peer copy is " + p.state());
    }
    if (l.dirtyChunks() == 0 && p.dirtyChunks() == 0) {
      return new Decision(Outcome.NO_SYNC, false, "same generation, nothing dirty");
    }
    // blocks in flight when the link or a node went down: copy them from the primary, or else
    // from the side that tracked them (both: a fixed tie-break on node id)
    boolean localSource;
    if (l.role() != p.role()) {
      localSource = l.role() == DiskRole.PRIMARY;
    } else if ((l.dirtyChunks() > 0) != (p.dirtyChunks() > 0)) {
      localSource = l.dirtyChunks() > 0;
    } else {
      localSource = Long.compareUnsigned(l.nodeId(), p.nodeId()) > 0;
    }
    return new Decision(localSource ? Outcome.RESYNC_TO_PEER : Outcome.RESYNC_FROM_PEER, false,
        "same generation, blocks in flight at the last disconnect");
  }

  private static Decision source(Hello src, boolean local, String reason) {
    if (src.state() != DiskState.UP_TO_DATE) {
      return refuse("the newer copy is " + src.state() + "; cannot resync from it");
    }
    return new Decision(local ? Outcome.RESYNC_TO_PEER : Outcome.RESYNC_FROM_PEER, false, reason);
  }

  private static Decision fullFrom(boolean local, String reason) {
    return new Decision(local ? Outcome.RESYNC_TO_PEER : Outcome.RESYNC_FROM_PEER, true, reason);
  }

  private static Decision guardPrimary(Decision d, Hello l, Hello p) {
    if (d.outcome() == Outcome.RESYNC_FROM_PEER && l.role() == DiskRole.PRIMARY) {
      return refuse("the local primary would be overwritten (" + d.reason() + ")");
    }
    if (d.outcome() == Outcome.RESYNC_TO_PEER && p.role() == DiskRole.PRIMARY) {
      return refuse("the peer primary would be overwritten (" + d.reason() + ")");
    }
    if (d.isResync() && (d.outcome() == Outcome.RESYNC_TO_PEER ? l : p).state() != DiskState.UP_TO_DATE) {
      return refuse("the resync source is not up to date");
    }
    return d;
  }

  private static boolean related(Generations a, Generations b) {
    long[] ia = ids(a);
    long[] ib = ids(b);
    for (long x : ia) {
      for (long y : ib) {
        if (x != Generations.NONE && x == y) {
          return true;
        }
      }
    }
    return false;
  }

  private static long[] ids(Generations g) {
    long[] h = g.history();
    return new long[] {g.current(), g.bitmap(), h[0], h[1]};
  }

  private static Decision refuse(String reason) {
    return new Decision(Outcome.REFUSE, false, reason);
  }
}
