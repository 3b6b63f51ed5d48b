package io.zoneha.engine.apply;

import static io.zoneha.engine.apply.ApplyImpact.ALL_AT_ONCE;
import static io.zoneha.engine.apply.ApplyImpact.GROUPS;
import static io.zoneha.engine.apply.ApplyImpact.LIVE;
import static io.zoneha.engine.apply.ApplyImpact.MONITORS;
import static io.zoneha.engine.apply.ApplyImpact.ROLLING;

import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.ManagementConfig;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.config.ServerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares the running configuration with a new one and says what applying it takes. Pure: no
 * I/O, no clock. The rules (docs/api.md "What an apply restarts" is the operator's copy):
 * <ul>
 *   <li>what servers need to hear and trust each other (cluster name, secret, interconnect
 *   addresses, heartbeat and bus ports, the server list) restarts every server at once: during a
 *   rolling restart an old and a new server would each take the other for dead and both run the
 *   groups, which is worse than a short outage;
 *   <li>what the cluster service reads only when it starts (heartbeat timing, NP targets, AWS
 *   access, server AZ and priority order, management address and TLS, the group list and their
 *   startup servers) restarts it one server at a time;
 *   <li>a group's resources: that group restarts where it runs; monitors whose target changed
 *   and added, removed or re-typed monitors: those monitors restart;
 *   <li>monitor common settings, group auto start/failback, logins: taken live.
 * </ul>
 */
public final class ConfigDiff {
  private final ClusterConfig running;
  private final ClusterConfig next;
  private final List<ConfigChange> changes = new ArrayList<>();
  private final Set<String> groups = new LinkedHashSet<>();
  private final Set<String> monitors = new LinkedHashSet<>();
  private final Set<String> changedResources = new LinkedHashSet<>();
  private boolean dropSessions;

  private ConfigDiff(ClusterConfig running, ClusterConfig next) {
    this.running = running;
    this.next = next;
  }

  public static ApplyPlan classify(ClusterConfig running, ClusterConfig next) {
    ConfigDiff d = new ConfigDiff(Objects.requireNonNull(running, "running"), Objects.requireNonNull(next, "next"));
    d.cluster();
    d.servers();
    d.groups();
    d.monitors();
    ApplyImpact impact = d.changes.stream().map(ConfigChange::impact).reduce(ApplyImpact.NONE, ApplyImpact::atLeast);
    return new ApplyPlan(impact, List.copyOf(d.groups), List.copyOf(d.monitors), d.dropSessions, d.changes);
  }

  private void add(ApplyImpact impact, String path, String what) {
    changes.add(new ConfigChange(impact, path, what));
  }

  private void cluster() {
    if (!running.name().equals(next.name())) {
      add(ALL_AT_ONCE, "name", "the cluster name changes; servers with different names do not join each other");
    }
    if (!running.secret().equals(next.secret())) {
      add(ALL_AT_ONCE, "secret", "the secret signs every message between servers; old and new could not hear each other");
    }
    if (running.heartbeat().port() != next.heartbeat().port()) {
      add(ALL_AT_ONCE, "heartbeat.port", "heartbeats of old and new servers would miss each other");
    }
    if (!running.heartbeat().interval().equals(next.heartbeat().interval())
        || !running.heartbeat().timeout().equals(next.heartbeat().timeout())
        || !running.heartbeat().startupWait().equals(next.heartbeat().startupWait())) {
      add(ROLLING, "heartbeat", "heartbeat timing is read when the cluster service starts");
    }
    if (!running.np().equals(next.np())) {
      add(ROLLING, "np", "network partition targets are read when the cluster service starts");
    }
    if (!running.aws().equals(next.aws())) {
      add(ROLLING, "aws", "AWS clients are built when the cluster service starts");
    }
    ManagementConfig was = management(running);
    ManagementConfig will = management(next);
    if (!Objects.equals(was.tls(), will.tls())) {
      add(ROLLING, "management.tls", "the management port is opened when the cluster service starts");
    }
    if (!was.users().equals(will.users())) {
      dropSessions = true;
      add(LIVE, "management.users", "logins change; web sessions end and users log in again");
    }
  }

  private static ManagementConfig management(ClusterConfig c) {
    return c.management() == null ? ManagementConfig.none() : c.management();
  }

  private void servers() {
    List<String> before = running.servers().stream().map(ServerConfig::name).toList();
    List<String> after = next.servers().stream().map(ServerConfig::name).toList();
    if (!Set.copyOf(before).equals(Set.copyOf(after))) {
      add(ALL_AT_ONCE, "servers", "the server list changes from " + before + " to " + after);
      return;
    }
    if (!before.equals(after)) {
      add(ROLLING, "servers", "the server priority order changes from " + before + " to " + after);
    }
    for (ServerConfig s : running.servers()) {
      ServerConfig n = next.server(s.name()).orElseThrow();
      String path = "servers." + s.name();
      if (!s.interconnects().equals(n.interconnects())) {
        add(ALL_AT_ONCE, path + ".interconnects", "interconnect addresses change; old and new servers could not reach each other");
      }
      if (s.busPort() != n.busPort()) {
        add(ALL_AT_ONCE, path + ".busPort", "the cluster bus port changes; old and new servers could not join each other");
      }
      if (!Objects.equals(s.az(), n.az())) {
        add(ROLLING, path + ".az", "the availability zone is read when the cluster service starts");
      }
      if (!Objects.equals(s.managementHost(), n.managementHost()) || s.managementPort() != n.managementPort()) {
        add(ROLLING, path + ".management", "the management address is bound when the cluster service starts");
      }
    }
  }

  private void groups() {
    Map<String, GroupConfig> before = byName(running.groups(), GroupConfig::name);
    Map<String, GroupConfig> after = byName(next.groups(), GroupConfig::name);
    if (!before.keySet().equals(after.keySet())) {
      diffNames("groups", before.keySet(), after.keySet(), ROLLING, "the group list is read when the cluster service starts");
      return;
    }
    if (!List.copyOf(before.keySet()).equals(List.copyOf(after.keySet()))) {
      add(LIVE, "groups", "the groups are listed in another order");
    }
    for (GroupConfig g : running.groups()) {
      GroupConfig n = after.get(g.name());
      String path = "groups." + g.name();
      if (!g.startupServers().equals(n.startupServers())) {
        add(ROLLING, path + ".startupServers", "startup servers change from " + g.startupServers() + " to "
            + n.startupServers() + "; where a group may run is read when the cluster service starts");
      }
      if (g.autoStart() != n.autoStart()) {
        add(LIVE, path + ".autoStart", "auto start becomes " + n.autoStart() + " (used at the next start)");
      }
      if (g.autoFailback() != n.autoFailback()) {
        add(LIVE, path + ".autoFailback", "auto failback becomes " + n.autoFailback());
      }
      resources(g, n);
    }
  }

  private void resources(GroupConfig g, GroupConfig n) {
    Map<String, ResourceConfig> before = byName(g.resources(), ResourceConfig::name);
    Map<String, ResourceConfig> after = byName(n.resources(), ResourceConfig::name);
    String path = "groups." + g.name() + ".resources";
    Set<String> names = new LinkedHashSet<>(before.keySet());
    names.addAll(after.keySet());
    boolean changed = false;
    for (String r : names) {
      ResourceConfig a = before.get(r);
      ResourceConfig b = after.get(r);
      String what = a == null ? "added" : b == null ? "removed" : a.equals(b) ? null : resourceChange(a, b);
      if (what != null) {
        changed = true;
        changedResources.add(r);
        add(GROUPS, path + "." + r, what + "; group " + g.name() + " restarts where it runs");
      }
    }
    if (!changed && !List.copyOf(before.keySet()).equals(List.copyOf(after.keySet()))) {
      changed = true;
      add(GROUPS, path, "resources are listed in another order (activation order); group " + g.name()
          + " restarts where it runs");
    }
    if (changed) {
      groups.add(g.name());
    }
  }

  private static String resourceChange(ResourceConfig a, ResourceConfig b) {
    List<String> fields = new ArrayList<>();
    if (!a.type().equals(b.type())) {
      fields.add("type " + a.type() + " -> " + b.type());
    }
    if (!a.dependsOn().equals(b.dependsOn())) {
      fields.add("dependsOn");
    }
    if (!a.activation().equals(b.activation()) || !a.deactivation().equals(b.deactivation())) {
      fields.add("recovery");
    }
    if (!a.params().equals(b.params())) {
      fields.add("params");
    }
    if (!a.perServer().equals(b.perServer())) {
      fields.add("perServer");
    }
    return "changed (" + String.join(", ", fields) + ")";
  }

  private void monitors() {
    Map<String, MonitorConfig> before = byName(running.monitors(), MonitorConfig::name);
    Map<String, MonitorConfig> after = byName(next.monitors(), MonitorConfig::name);
    Set<String> names = new LinkedHashSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String m : names) {
      MonitorConfig a = before.get(m);
      MonitorConfig b = after.get(m);
      String path = "monitors." + m;
      if (a == null || b == null) {
        monitors.add(m);
        add(MONITORS, path, a == null ? "added; it starts" : "removed; it stops");
      } else if (!a.type().equals(b.type()) || !Objects.equals(a.target(), b.target()) || !a.params().equals(b.params())
          || !a.perServer().equals(b.perServer())) {
        monitors.add(m);
        add(MONITORS, path, "what it checks changes; it restarts");
      } else if (watchesChanged(b)) {
        monitors.add(m);
        add(MONITORS, path, "the resource it watches changes; it restarts with it");
      } else if (!a.equals(b)) {
        add(LIVE, path, "common settings change (interval, timeout, retries, recovery); taken live, its "
            + "error count starts again from zero");
      }
    }
  }

  /** A monitor may read its target resource's settings when it is built, so it follows that resource. */
  private boolean watchesChanged(MonitorConfig m) {
    return (m.target() != null && changedResources.contains(m.target()))
        || (m.recovery() != null && m.recovery().kind() == MonitorConfig.RecoveryTargetKind.RESOURCE
            && changedResources.contains(m.recovery().target()));
  }

  private void diffNames(String path, Set<String> before, Set<String> after, ApplyImpact impact, String why) {
    Set<String> added = new LinkedHashSet<>(after);
    added.removeAll(before);
    Set<String> removed = new LinkedHashSet<>(before);
    removed.removeAll(after);
    add(impact, path, (added.isEmpty() ? "" : "added " + added + " ") + (removed.isEmpty() ? "" : "removed " + removed + " ")
        + "; " + why);
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    Map<String, T> m = new LinkedHashMap<>();
    items.forEach(i -> m.put(name.apply(i), i));
    return m;
  }
}
