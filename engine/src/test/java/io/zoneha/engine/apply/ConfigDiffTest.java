package io.zoneha.engine.apply;

import static io.zoneha.engine.apply.ApplyImpact.ALL_AT_ONCE;
import static io.zoneha.engine.apply.ApplyImpact.GROUPS;
import static io.zoneha.engine.apply.ApplyImpact.LIVE;
import static io.zoneha.engine.apply.ApplyImpact.MONITORS;
import static io.zoneha.engine.apply.ApplyImpact.NONE;
import static io.zoneha.engine.apply.ApplyImpact.ROLLING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.config.AwsConfig;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.HeartbeatConfig;
import io.zoneha.engine.config.ManagementConfig;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.MonitorConfig.MonitorWhen;
import io.zoneha.engine.config.MonitorConfig.RecoveryAction;
import io.zoneha.engine.config.MonitorConfig.RecoveryTargetKind;
import io.zoneha.engine.config.NpTarget;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.config.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of the configuration model, changed alone, against the impact an operator is told
 * (the table in docs/api.md "What an apply restarts"). Pure: no Vert.x, no files.
 */
public class ConfigDiffTest {
  public static final ServerConfig NODE1 = new ServerConfig("node1", "az-a", List.of("10.0.1.10", "10.0.9.10"), "10.0.1.10", 29001, 29003);
  static final ServerConfig NODE2 = new ServerConfig("node2", "az-b", List.of("10.0.2.10", "10.0.9.20"), "10.0.2.10", 29001, 29003);
  static final ResourceConfig APP1 = resource("app1", List.of(), Map.of("start", "run-app1"));
  static final ResourceConfig APP2 = resource("app2", List.of("app1"), Map.of("start", "run-app2"));
  static final ResourceConfig DB = resource("db", List.of(), Map.of("start", "run-db"));
  static final GroupConfig FAILOVER1 = new GroupConfig("failover1", List.of("node1", "node2"), true, false, List.of(APP1, APP2));
  static final GroupConfig FAILOVER2 = new GroupConfig("failover2", List.of("node2", "node1"), true, false, List.of(DB));
  public static final MonitorConfig APPW = new MonitorConfig("appw", "pidw", Duration.ofSeconds(5), Duration.ofSeconds(60), 1,
      Duration.ZERO, MonitorWhen.ACTIVE, "app1", new RecoveryAction(RecoveryTargetKind.RESOURCE, "app1", 3, 1, FinalAction.NONE),
      Map.of("pid", "app1"), Map.of());
  public static final MonitorConfig PINGW = new MonitorConfig("pingw", "ipw", Duration.ofSeconds(5), Duration.ofSeconds(60), 1,
      Duration.ZERO, MonitorWhen.ALWAYS, null, new RecoveryAction(RecoveryTargetKind.GROUP, "failover2", 0, 1, FinalAction.NONE),
      Map.of("address", "10.0.0.1"), Map.of());
  public static final ClusterConfig RUNNING = new ClusterConfig("demo", "0123456789abcdef0123", List.of(NODE1, NODE2),
      HeartbeatConfig.defaults(), List.of(new NpTarget.Ping("10.0.0.1", Duration.ofSeconds(3))),
      new ManagementConfig(List.of(new ManagementConfig.User("alice", ManagementConfig.Role.OPERATOR, "h1")), null),
      AwsConfig.defaults(), List.of(FAILOVER1, FAILOVER2), List.of(APPW, PINGW), "fp-running");

  static ResourceConfig resource(String name, List<String> deps, Map<String, Object> params) {
    return new ResourceConfig(name, "exec", deps, ResourceConfig.DEFAULT_ACTIVATION, ResourceConfig.DEFAULT_DEACTIVATION,
        params, Map.of());
  }

  // --- small editors, so each case reads as the one field it changes ---
  static ClusterConfig with(UnaryOperator<Builder> edit) {
    return edit.apply(new Builder(RUNNING)).build();
  }

  /** A mutable copy of a ClusterConfig, for tests only. */
  static final class Builder {
    String name;
    String secret;
    List<ServerConfig> servers;
    HeartbeatConfig heartbeat;
    List<NpTarget> np;
    ManagementConfig management;
    AwsConfig aws;
    List<GroupConfig> groups;
    List<MonitorConfig> monitors;

    Builder(ClusterConfig c) {
      name = c.name();
      secret = c.secret();
      servers = new ArrayList<>(c.servers());
      heartbeat = c.heartbeat();
      np = c.np();
      management = c.management();
      aws = c.aws();
      groups = new ArrayList<>(c.groups());
      monitors = new ArrayList<>(c.monitors());
    }

    Builder server(int i, UnaryOperator<ServerConfig> e) {
      servers.set(i, e.apply(servers.get(i)));
      return this;
    }

    Builder group(int i, UnaryOperator<GroupConfig> e) {
      groups.set(i, e.apply(groups.get(i)));
      return this;
    }

    Builder monitor(int i, UnaryOperator<MonitorConfig> e) {
      monitors.set(i, e.apply(monitors.get(i)));
      return this;
    }

    ClusterConfig build() {
      return new ClusterConfig(name, secret, servers, heartbeat, np, management, aws, groups, monitors, "fp-next");
    }
  }

  static ServerConfig server(ServerConfig s, String az, List<String> ics, String host, int mport, int bus) {
    return new ServerConfig(s.name(), az, ics, host, mport, bus);
  }

  static GroupConfig resources(GroupConfig g, List<ResourceConfig> rs) {
    return new GroupConfig(g.name(), g.startupServers(), g.autoStart(), g.autoFailback(), rs);
  }

  static MonitorConfig monitor(MonitorConfig m, Duration interval, Duration timeout, int retries, Duration wait,
      MonitorWhen when, String target, RecoveryAction ra, Map<String, Object> params, String type) {
    return new MonitorConfig(m.name(), type, interval, timeout, retries, wait, when, target, ra, params, m.perServer());
  }

  static MonitorConfig settings(MonitorConfig m, Duration interval, Duration timeout, int retries, Duration wait) {
    return monitor(m, interval, timeout, retries, wait, m.when(), m.target(), m.recovery(), m.params(), m.type());
  }

  static ResourceConfig param(ResourceConfig r, String key, Object value) {
    Map<String, Object> p = new java.util.HashMap<>(r.params());
    p.put(key, value);
    return new ResourceConfig(r.name(), r.type(), r.dependsOn(), r.activation(), r.deactivation(), p, r.perServer());
  }

  /** name, edit, expected impact, groups restarted, monitors restarted. */
  static Stream<Arguments> cases() {
    return Stream.of(
        // --- what servers need to trust and hear each other: all at once
        Arguments.of("cluster name", with(b -> { b.name = "other"; return b; }), ALL_AT_ONCE, List.of(), List.of()),
        Arguments.of("secret", with(b -> { b.secret = "fedcba9876543210fedc"; return b; }), ALL_AT_ONCE, List.of(), List.of()),
        Arguments.of("heartbeat port", with(b -> { b.heartbeat = new HeartbeatConfig(29102, b.heartbeat.interval(),
            b.heartbeat.timeout(), b.heartbeat.startupWait()); return b; }), ALL_AT_ONCE, List.of(), List.of()),
        Arguments.of("interconnect address", with(b -> b.server(1, s -> server(s, s.az(), List.of("10.0.2.11", "10.0.9.20"),
            s.managementHost(), s.managementPort(), s.busPort()))), ALL_AT_ONCE, List.of(), List.of()),
        Arguments.of("interconnect added", with(b -> b.server(0, s -> server(s, s.az(), List.of("10.0.1.10", "10.0.9.10", "10.0.8.10"),
            s.managementHost(), s.managementPort(), s.busPort()))), ALL_AT_ONCE, List.of(), List.of()),
        Arguments.of("bus port", with(b -> b.server(0, s -> server(s, s.az(), s.interconnects(), s.managementHost(),
            s.managementPort(), 29103))), ALL_AT_ONCE, List.of(), List.of()),
        Arguments.of("server renamed", with(b -> b.server(1, s -> new ServerConfig("node3", s.az(), s.interconnects(),
            s.managementHost(), s.managementPort(), s.busPort()))), ALL_AT_ONCE, List.of(), List.of()),
        // --- read when the cluster service starts: one server at a time
        Arguments.of("server order", with(b -> { b.servers = List.of(NODE2, NODE1); return b; }), ROLLING, List.of(), List.of()),
        Arguments.of("server az", with(b -> b.server(0, s -> server(s, "az-c", s.interconnects(), s.managementHost(),
            s.managementPort(), s.busPort()))), ROLLING, List.of(), List.of()),
        Arguments.of("management port", with(b -> b.server(0, s -> server(s, s.az(), s.interconnects(), s.managementHost(),
            29011, s.busPort()))), ROLLING, List.of(), List.of()),
        Arguments.of("management host", with(b -> b.server(0, s -> server(s, s.az(), s.interconnects(), "0.0.0.0",
            s.managementPort(), s.busPort()))), ROLLING, List.of(), List.of()),
        Arguments.of("heartbeat interval", with(b -> { b.heartbeat = new HeartbeatConfig(b.heartbeat.port(),
            Duration.ofSeconds(1), b.heartbeat.timeout(), b.heartbeat.startupWait()); return b; }), ROLLING, List.of(), List.of()),
        Arguments.of("heartbeat timeout", with(b -> { b.heartbeat = new HeartbeatConfig(b.heartbeat.port(),
            b.heartbeat.interval(), Duration.ofSeconds(9), b.heartbeat.startupWait()); return b; }), ROLLING, List.of(), List.of()),
        Arguments.of("startup wait", with(b -> { b.heartbeat = new HeartbeatConfig(b.heartbeat.port(),
            b.heartbeat.interval(), b.heartbeat.timeout(), Duration.ofSeconds(30)); return b; }), ROLLING, List.of(), List.of()),
        Arguments.of("np target", with(b -> { b.np = List.of(new NpTarget.Ping("10.0.0.2", Duration.ofSeconds(3))); return b; }),
            ROLLING, List.of(), List.of()),
        Arguments.of("aws region", with(b -> { b.aws = new AwsConfig(Optional.of("eu-west-1"), Optional.empty(), Optional.empty(),
            Optional.empty(), AwsConfig.DEFAULT_CALL_TIMEOUT, AwsConfig.DEFAULT_MAX_RETRIES); return b; }), ROLLING, List.of(), List.of()),
        Arguments.of("aws call timeout", with(b -> { b.aws = new AwsConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Duration.ofSeconds(20), AwsConfig.DEFAULT_MAX_RETRIES); return b; }), ROLLING, List.of(), List.of()),
        Arguments.of("management tls", with(b -> { b.management = new ManagementConfig(b.management.users(),
            new ManagementConfig.Tls("/c.pem", "/k.pem")); return b; }), ROLLING, List.of(), List.of()),
        Arguments.of("group added", with(b -> { b.groups.add(new GroupConfig("failover3", List.of("node1"), true, false,
            List.of(resource("x", List.of(), Map.of("start", "x"))))); return b; }), ROLLING, List.of(), List.of()),
        Arguments.of("group removed", with(b -> { b.groups.remove(1); return b; }), ROLLING, List.of(), List.of()),
        Arguments.of("startup servers", with(b -> b.group(0, g -> new GroupConfig(g.name(), List.of("node2", "node1"),
            g.autoStart(), g.autoFailback(), g.resources()))), ROLLING, List.of(), List.of()),
        // --- one group's resources: that group restarts where it runs
        Arguments.of("resource param", with(b -> b.group(0, g -> resources(g, List.of(APP1, param(APP2, "start", "run-app2 -v"))))),
            GROUPS, List.of("failover1"), List.of()),
        Arguments.of("resource added", with(b -> b.group(1, g -> resources(g, List.of(DB,
            resource("db2", List.of("db"), Map.of("start", "x")))))), GROUPS, List.of("failover2"), List.of()),
        Arguments.of("resource removed", with(b -> b.group(0, g -> resources(g, List.of(APP1)))), GROUPS,
            List.of("failover1"), List.of()),
        Arguments.of("resource order", with(b -> b.group(0, g -> resources(g, List.of(APP2, APP1)))), GROUPS,
            List.of("failover1"), List.of()),
        Arguments.of("resource type", with(b -> b.group(1, g -> resources(g, List.of(new ResourceConfig("db", "other",
            List.of(), DB.activation(), DB.deactivation(), DB.params(), Map.of()))))), GROUPS, List.of("failover2"), List.of()),
        Arguments.of("resource dependsOn", with(b -> b.group(0, g -> resources(g, List.of(APP1, new ResourceConfig("app2",
            "exec", List.of(), APP2.activation(), APP2.deactivation(), APP2.params(), Map.of()))))), GROUPS,
            List.of("failover1"), List.of()),
        Arguments.of("resource recovery", with(b -> b.group(1, g -> resources(g, List.of(new ResourceConfig("db", "exec",
            List.of(), new ResourceConfig.Recovery(2, 1, FinalAction.NONE), DB.deactivation(), DB.params(), Map.of()))))),
            GROUPS, List.of("failover2"), List.of()),
        Arguments.of("resource per-server", with(b -> b.group(1, g -> resources(g, List.of(new ResourceConfig("db", "exec",
            List.of(), DB.activation(), DB.deactivation(), DB.params(), Map.of("node2", Map.of("start", "other"))))))),
            GROUPS, List.of("failover2"), List.of()),
        Arguments.of("watched resource: its monitor follows", with(b -> b.group(0, g -> resources(g,
            List.of(param(APP1, "start", "run-app1 -v"), APP2)))), GROUPS, List.of("failover1"), List.of("appw")),
        // --- monitors only
        Arguments.of("monitor params", with(b -> b.monitor(1, m -> monitor(m, m.interval(), m.timeout(), m.retries(),
            m.startWait(), m.when(), m.target(), m.recovery(), Map.of("address", "10.0.0.9"), m.type()))), MONITORS,
            List.of(), List.of("pingw")),
        Arguments.of("monitor type", with(b -> b.monitor(1, m -> monitor(m, m.interval(), m.timeout(), m.retries(),
            m.startWait(), m.when(), m.target(), m.recovery(), m.params(), "httpw"))), MONITORS, List.of(), List.of("pingw")),
        Arguments.of("monitor target", with(b -> b.monitor(0, m -> monitor(m, m.interval(), m.timeout(), m.retries(),
            m.startWait(), m.when(), "app2", m.recovery(), m.params(), m.type()))), MONITORS, List.of(), List.of("appw")),
        Arguments.of("monitor per-server", with(b -> b.monitor(1, m -> new MonitorConfig(m.name(), m.type(), m.interval(),
            m.timeout(), m.retries(), m.startWait(), m.when(), m.target(), m.recovery(), m.params(),
            Map.of("node2", Map.of("address", "10.0.0.8"))))), MONITORS, List.of(), List.of("pingw")),
        Arguments.of("monitor added", with(b -> { b.monitors.add(new MonitorConfig("pingw2", PINGW.type(), PINGW.interval(),
            PINGW.timeout(), PINGW.retries(), PINGW.startWait(), PINGW.when(), null, PINGW.recovery(), PINGW.params(),
            Map.of())); return b; }), MONITORS, List.of(), List.of("pingw2")),
        Arguments.of("monitor removed", with(b -> { b.monitors.remove(1); return b; }), MONITORS, List.of(), List.of("pingw")),
        // --- taken live
        Arguments.of("monitor interval", with(b -> b.monitor(1, m -> settings(m, Duration.ofSeconds(2), m.timeout(),
            m.retries(), m.startWait()))), LIVE, List.of(), List.of()),
        Arguments.of("monitor timeout", with(b -> b.monitor(1, m -> settings(m, m.interval(), Duration.ofSeconds(9),
            m.retries(), m.startWait()))), LIVE, List.of(), List.of()),
        Arguments.of("monitor retries", with(b -> b.monitor(0, m -> settings(m, m.interval(), m.timeout(), 5,
            m.startWait()))), LIVE, List.of(), List.of()),
        Arguments.of("monitor start wait", with(b -> b.monitor(0, m -> settings(m, m.interval(), m.timeout(), m.retries(),
            Duration.ofSeconds(30)))), LIVE, List.of(), List.of()),
        Arguments.of("monitor when", with(b -> b.monitor(1, m -> monitor(m, m.interval(), m.timeout(), m.retries(),
            m.startWait(), MonitorWhen.ACTIVE, m.target(), m.recovery(), m.params(), m.type()))), LIVE, List.of(), List.of()),
        Arguments.of("monitor recovery", with(b -> b.monitor(1, m -> monitor(m, m.interval(), m.timeout(), m.retries(),
            m.startWait(), m.when(), m.target(), new RecoveryAction(RecoveryTargetKind.GROUP, "failover2", 1, 0,
                FinalAction.STOP_GROUP), m.params(), m.type()))), LIVE, List.of(), List.of()),
        Arguments.of("auto start", with(b -> b.group(0, g -> new GroupConfig(g.name(), g.startupServers(), false,
            g.autoFailback(), g.resources()))), LIVE, List.of(), List.of()),
        Arguments.of("auto failback", with(b -> b.group(1, g -> new GroupConfig(g.name(), g.startupServers(), g.autoStart(),
            true, g.resources()))), LIVE, List.of(), List.of()),
        Arguments.of("group order", with(b -> { b.groups = List.of(FAILOVER2, FAILOVER1); return b; }), LIVE, List.of(), List.of()),
        Arguments.of("users", with(b -> { b.management = new ManagementConfig(List.of(new ManagementConfig.User("bob",
            ManagementConfig.Role.VIEWER, "h2")), null); return b; }), LIVE, List.of(), List.of()),
        Arguments.of("same settings, other text", with(b -> b), NONE, List.of(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachFieldHasItsImpact(String name, ClusterConfig next, ApplyImpact impact, List<String> groups, List<String> monitors) {
    ApplyPlan plan = ConfigDiff.classify(RUNNING, next);
    assertEquals(impact, plan.impact(), name + ": " + plan.changes());
    assertEquals(groups, plan.restartGroups(), name);
    assertEquals(monitors, plan.restartMonitors(), name);
    assertEquals(impact == NONE, plan.changes().isEmpty(), name + ": " + plan.changes());
    assertFalse(plan.summary().isBlank());
  }

  @Test
  void theHighestImpactWinsAndEveryChangeIsListed() {
    ClusterConfig next = with(b -> {
      b.group(0, g -> resources(g, List.of(APP1)));
      b.monitor(1, m -> settings(m, Duration.ofSeconds(2), m.timeout(), m.retries(), m.startWait()));
      b.heartbeat = new HeartbeatConfig(b.heartbeat.port(), Duration.ofSeconds(1), b.heartbeat.timeout(),
          b.heartbeat.startupWait());
      return b;
    });
    ApplyPlan plan = ConfigDiff.classify(RUNNING, next);
    assertEquals(ROLLING, plan.impact());
    assertEquals(List.of("groups.failover1.resources.app2", "monitors.pingw", "heartbeat"),
        plan.changes().stream().map(ConfigChange::path).sorted((a, b) -> order(a) - order(b)).toList());
    assertTrue(plan.restartsClusterService());
    assertEquals(ROLLING.meaning(), plan.summary(), "a cluster restart restarts everything, so it says only that");
  }

  private static int order(String path) {
    return path.startsWith("groups") ? 0 : path.startsWith("monitors") ? 1 : 2;
  }

  @Test
  void twoGroupsAndAMonitorAreNamedInTheSummary() {
    ClusterConfig next = with(b -> b.group(0, g -> resources(g, List.of(APP1))).group(1, g -> resources(g, List.of()))
        .monitor(1, m -> monitor(m, m.interval(), m.timeout(), m.retries(), m.startWait(), m.when(), m.target(),
            m.recovery(), Map.of("address", "10.0.0.7"), m.type())));
    ApplyPlan plan = ConfigDiff.classify(RUNNING, next);
    assertEquals(GROUPS, plan.impact());
    assertEquals("restarts groups failover1, failover2 where they run; restarts monitor pingw; other groups keep running",
        plan.summary());
  }

  @Test
  void aMonitorOnlyChangeSaysNoResourceStops() {
    ClusterConfig next = with(b -> b.monitor(1, m -> monitor(m, m.interval(), m.timeout(), m.retries(), m.startWait(),
        m.when(), m.target(), m.recovery(), Map.of("address", "10.0.0.7"), m.type())));
    assertEquals("restarts monitor pingw; no resource stops", ConfigDiff.classify(RUNNING, next).summary());
  }

  @Test
  void changedLoginsEndSessions() {
    ClusterConfig next = with(b -> { b.management = ManagementConfig.none(); return b; });
    ApplyPlan plan = ConfigDiff.classify(RUNNING, next);
    assertTrue(plan.dropSessions());
    assertFalse(ConfigDiff.classify(RUNNING, with(b -> b)).dropSessions());
  }

  @Test
  void aMissingManagementSectionIsNoLogins() {
    ClusterConfig none = with(b -> { b.management = null; return b; });
    ClusterConfig empty = with(b -> { b.management = ManagementConfig.none(); return b; });
    assertEquals(NONE, ConfigDiff.classify(none, empty).impact());
  }

  @Test
  void theImpactsAreOrderedByDisruptionAndHaveWireNames() {
    assertEquals(List.of(NONE, LIVE, MONITORS, GROUPS, ROLLING, ALL_AT_ONCE), List.of(ApplyImpact.values()));
    for (ApplyImpact i : ApplyImpact.values()) {
      assertEquals(i, ApplyImpact.ofWire(i.wire()));
      assertEquals(i.compareTo(ROLLING) >= 0, i.restartsClusterService());
    }
    assertThrows(IllegalArgumentException.class, () -> ApplyImpact.ofWire("restart"));
  }

  @Test
  void aPlanWhoseImpactDisagreesWithItsChangesIsABug() {
    List<ConfigChange> live = List.of(new ConfigChange(LIVE, "x", "y"));
    assertThrows(IllegalArgumentException.class, () -> new ApplyPlan(GROUPS, List.of(), List.of(), false, live));
    assertThrows(IllegalArgumentException.class, () -> new ConfigChange(NONE, "x", "y"));
  }
}
