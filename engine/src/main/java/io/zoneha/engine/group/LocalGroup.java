package io.zoneha.engine.group;

/**
 * This server's own record of a group: its state, the epoch of its current or last activation,
 * how many failovers the current episode has used, the server to hand the group to once it is
 * deactivated (while OFFLINE: the server it was handed to, until that server's claim is seen;
 * else null), and the last error shown to operators. {@code handoffTo} names this
 * server itself when a handoff arrived while the group was stopping here: once the deactivation is
 * done, this server activates the group again.
 */
public record LocalGroup(GroupState state, long epoch, int failovers, String handoffTo, String lastError) {
  public static final LocalGroup INITIAL = new LocalGroup(GroupState.OFFLINE, 0, 0, null, "");

  public LocalGroup to(GroupState next) {
    return new LocalGroup(state.moveTo(next), epoch, failovers, handoffTo, lastError);
  }

  public LocalGroup withEpoch(long e) {
    return new LocalGroup(state, e, failovers, handoffTo, lastError);
  }

  public LocalGroup withFailovers(int n) {
    return new LocalGroup(state, epoch, n, handoffTo, lastError);
  }

  public LocalGroup withHandoff(String server) {
    return new LocalGroup(state, epoch, failovers, server, lastError);
  }

  public LocalGroup withError(String e) {
    return new LocalGroup(state, epoch, failovers, handoffTo, e);
  }

  public Claim claim() {
    return new Claim(state, epoch);
  }
}
