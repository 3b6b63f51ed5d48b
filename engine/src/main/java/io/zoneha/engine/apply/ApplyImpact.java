package io.zoneha.engine.apply;

/**
 * How far applying a new configuration reaches, ordered from least to most disruptive; a plan's
 * impact is the highest impact of its changes. Wire names are explicit, never {@code name()}.
 */
public enum ApplyImpact {
  NONE("none", "nothing changes (same settings, only formatting or comments differ)"),
  LIVE("live", "taken live; no resource, monitor check or cluster service restarts"),
  MONITORS("monitors", "only the listed monitors restart; every resource keeps running"),
  GROUPS("groups", "only the listed groups restart, in place, on the server where they run"),
  ROLLING("rolling", "the cluster service restarts one server at a time: standby servers first, "
      + "then the active one, so each group moves at most once"),
  ALL_AT_ONCE("all-at-once", "the cluster service restarts on every server at the same time "
      + "(short outage): old and new servers could not talk to each other");

  private final String wire;
  private final String meaning;

  ApplyImpact(String wire, String meaning) {
    this.wire = wire;
    this.meaning = meaning;
  }

  public String wire() {
    return wire;
  }

  /** One sentence for the operator. */
  public String meaning() {
    return meaning;
  }

  public boolean restartsClusterService() {
    return this == ROLLING || this == ALL_AT_ONCE;
  }

  public ApplyImpact atLeast(ApplyImpact other) {
    return other.compareTo(this) > 0 ? other : this;
  }

  public static ApplyImpact ofWire(String wire) {
    for (ApplyImpact i : values()) {
      if (i.wire.equals(wire)) {
        return i;
      }
    }
    throw new IllegalArgumentException("impact: unknown '" + wire + "'");
  }
}
