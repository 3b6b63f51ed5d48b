package io.zoneha.mirror.replication;

import io.zoneha.mirror.protocol.InitialCopy;
import io.zoneha.mirror.storage.Superblock;

/**
 * May a copy that never paired (no generation yet) become primary? Pure. Serving it would give it
 * a generation of its own and make its bytes the mirror's, so that is allowed only when they are
 * the right ones: the copy is known blank or the admin's chosen source (or said skip).
 */
final class InitialCopyGuard {
  private InitialCopyGuard() {}

  /** Why the copy must not become primary yet, or null when it may. */
  static String refusal(Superblock sb, InitialCopy choice) {
    if (!sb.generations().isBlank()) {
      return null;
    }
    return switch (choice) {
      case PEER -> "new mirror: initialCopy names the peer as the source and the initial copy from it has not "
          + "run yet; refusing to become primary (bring the peer up, or run the group there)";
      case LOCAL, SKIP -> null;
      case UNSET -> sb.has(Superblock.FLAG_DATA_BLANK) ? null
          : "new mirror whose data partition existed before: its content is unknown and no initial-copy "
              + "source is chosen; set the md parameter initialCopy (the server whose data to keep, or skip), "
              + "or run 'zoneha mirror recover --source <server>'";
    };
  }
}
