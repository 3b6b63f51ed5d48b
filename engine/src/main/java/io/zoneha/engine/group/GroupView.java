package io.zoneha.engine.group;

import io.zoneha.engine.config.GroupConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the decider knows: this server, the groups, the servers in priority order, which are
 * alive (self included unless isolated), what every peer claims, and this server's own groups.
 * A peer that went down keeps its last claims here (only {@code live} changes): its epochs must
 * not be forgotten, and a holding claim from a dead server whose activation is the newest known
 * tells the designated server that the group still needs a home. So a server leaves {@code live}
 * only together with the PeerDown event that reports it: a peer that is merely unheard while
 * this node is isolated stays live (the cluster simulation test spells out the whole node model).
 */
public record GroupView(
    String self,
    List<GroupConfig> groups,
    List<String> servers,
    Set<String> live,
    Map<String, Map<String, Claim>> peerClaims,
    Map<String, LocalGroup> local,
    boolean startupComplete) {

  public GroupView {
    groups = List.copyOf(groups);
    servers = List.copyOf(servers);
    live = Set.copyOf(live);
    peerClaims = Map.copyOf(peerClaims);
    local = Map.copyOf(local);
  }

  public Optional<GroupConfig> group(String name) {
    return groups.stream().filter(g -> g.name().equals(name)).findFirst();
  }

  public LocalGroup localOf(String group) {
    return local.getOrDefault(group, LocalGroup.INITIAL);
  }

  public int priority(String server) {
    return servers.indexOf(server);
  }

  public Claim claimOf(String server, String group) {
    return peerClaims.getOrDefault(server, Map.of()).getOrDefault(group, Claim.NONE);
  }

  /** The live peer (not self, not {@code except}) that holds the group with the newest claim. */
  public Optional<String> peerHolder(String group, String except) {
    String best = null;
    for (String s : servers) {
      if (s.equals(self) || s.equals(except) || !live.contains(s)) {
        continue;
      }
      Claim c = claimOf(s, group);
      if (c.state().holds() && (best == null || c.newerThan(claimOf(best, group), priority(s), priority(best)))) {
        best = s;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The live peer (not self, not {@code sender}) whose claim still stands against an activation
   * handed over at {@code epoch} by {@code sender}: a claim in error (its resources may still be
   * up), or one that would not yield to the sender's activation under the double-activation rule
   * (newer epoch, or the same epoch from a higher-priority server). With a null sender an equal
   * epoch never stands.
   */
  public Optional<String> standingHolder(String group, String sender, long epoch) {
    int senderPriority = sender == null ? -1 : priority(sender);
    for (String s : servers) {
      Claim c = claimOf(s, group);
      if (s.equals(self) || s.equals(sender) || !live.contains(s) || !c.state().holds()) {
        continue;
      }
      if (c.state() == GroupState.ERROR || c.epoch() > epoch || c.epoch() == epoch && priority(s) < senderPriority) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The highest epoch this server has seen for the group, its own included. */
  public long knownEpoch(String group) {
    long e = localOf(group).epoch();
    for (Map<String, Claim> claims : peerClaims.values()) {
      e = Math.max(e, claims.getOrDefault(group, Claim.NONE).epoch());
    }
    return e;
  }

  /** The first live server of the group's startup list, skipping {@code except}. */
  public Optional<String> firstLive(GroupConfig g, String except) {
    return g.startupServers().stream().filter(s -> live.contains(s) && !s.equals(except)).findFirst();
  }
}
