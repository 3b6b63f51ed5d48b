package io.zoneha.engine.group;

/**
 * What a server says about one group in its heartbeats. {@code epoch} grows by one on every
 * activation anywhere, so when two servers claim a group the newer activation is known.
 */
public record Claim(GroupState state, long epoch) {
  public static final Claim NONE = new Claim(GroupState.OFFLINE, 0);

  /** True when this claim should win over {@code other}; ties go to the higher-priority server. */
  public boolean newerThan(Claim other, int myPriority, int otherPriority) {
    if (epoch != other.epoch) {
      return epoch > other.epoch;
    }
    return myPriority < otherPriority;
  }
}
