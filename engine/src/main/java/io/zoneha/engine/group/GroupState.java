package io.zoneha.engine.group;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * State of one failover group on one server. Wire codes are explicit and never reordered; the
 * transition table is checked on every change so an illegal move fails loudly.
 */
public enum GroupState {
  OFFLINE(0, "offline"),
  STARTING(1, "starting"),
  ONLINE(2, "online"),
  STOPPING(3, "stopping"),
  /** Deactivation failed: resources may still be active, so the group counts as held. */
  ERROR(4, "error");

  private static final Map<GroupState, Set<GroupState>> ALLOWED = Map.of(
      OFFLINE, EnumSet.of(STARTING),
      STARTING, EnumSet.of(ONLINE, STOPPING),
      ONLINE, EnumSet.of(STOPPING),
      STOPPING, EnumSet.of(OFFLINE, ERROR),
      ERROR, EnumSet.of(STOPPING));

  private final int code;
  private final String label;

  GroupState(int code, String label) {
    this.code = code;
    this.label = label;
  }

  public int code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** True when this server may have any resource of the group active. */
  public boolean holds() {
    return this != OFFLINE;
  }

  public boolean canMoveTo(GroupState next) {
    return ALLOWED.get(this).contains(next);
  }

  /** Returns {@code next} or throws when the move is not in the table. */
  public GroupState moveTo(GroupState next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException("illegal group transition " + this + " -> " + next);
    }
    return next;
  }

  public static GroupState fromCode(int code) {
    for (GroupState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown group state code " + code);
  }
}
