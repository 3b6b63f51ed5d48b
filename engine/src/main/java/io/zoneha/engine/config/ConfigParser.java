package io.zoneha.engine.config;

import io.zoneha.engine.config.ManagementConfig.Role;
import io.zoneha.engine.config.ManagementConfig.Tls;
import io.zoneha.engine.config.ManagementConfig.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the YAML tree into the typed records, applying defaults. It checks only the shape of the
 * file (known keys, the right kind of value, required keys present); what the values mean is
 * judged in one place, {@link ConfigValidator}. A broken list item still yields a placeholder
 * record so that item i of every list keeps the path {@code list[i]} for later checks.
 */
final class ConfigParser {
  private final Problems problems;
  private final SecretSource secrets;

  ConfigParser(Problems problems, SecretSource secrets) {
    this.problems = problems;
    this.secrets = secrets;
  }

  ClusterConfig parse(YamlNode root, String fingerprint) {
    Fields top = Fields.of(root, ConfigKeys.ROOT);
    requirePresent(top, "cluster");
    requirePresent(top, "servers");
    Fields cluster = top.section("cluster", ConfigKeys.CLUSTER);
    String name = cluster.string("name");
    String secret = secrets.resolve(cluster);
    List<ServerConfig> servers = top.items("servers").stream().map(this::server).toList();
    HeartbeatConfig heartbeat = heartbeat(top.section("heartbeat", ConfigKeys.HEARTBEAT));
    List<NpTarget> np = top.items("np").stream().map(this::npTarget).toList();
    ManagementConfig management = management(top.section("management", ConfigKeys.MANAGEMENT));
    AwsConfig aws = aws(top.section("aws", ConfigKeys.AWS));
    List<String> serverNames = servers.stream().map(ServerConfig::name).distinct().toList();
    List<GroupConfig> groups = top.items("groups").stream().map(g -> group(g, serverNames)).toList();
    List<MonitorConfig> monitors = top.items("monitors").stream().map(m -> monitor(m, groups)).toList();
    return new ClusterConfig(name, secret, servers, heartbeat, np, management, aws, groups, monitors, fingerprint);
  }

  private void requirePresent(Fields f, String key) {
    if (!f.has(key)) {
      problems.add(f.pathOf(key), "required");
    }
  }

  private ServerConfig server(YamlNode node) {
    Fields f = Fields.of(node, ConfigKeys.SERVER);
    requirePresent(f, "interconnects");
    List<String> interconnects = f.strings("interconnects");
    String managementHost = f.optString("managementHost")
        .orElse(interconnects.isEmpty() ? "" : interconnects.get(0));
    return new ServerConfig(f.string("name"), f.optString("az").orElse(null), interconnects, managementHost,
        f.integer("managementPort", ServerConfig.DEFAULT_MANAGEMENT_PORT),
        f.integer("busPort", ServerConfig.DEFAULT_BUS_PORT));
  }

  private static HeartbeatConfig heartbeat(Fields f) {
    return new HeartbeatConfig(
        f.integer("port", HeartbeatConfig.DEFAULT_PORT),
        f.duration("interval", HeartbeatConfig.DEFAULT_INTERVAL),
        f.duration("timeout", HeartbeatConfig.DEFAULT_TIMEOUT),
        f.duration("startupWait", HeartbeatConfig.DEFAULT_STARTUP_WAIT));
  }

  private NpTarget npTarget(YamlNode node) {
    Fields f = Fields.of(node, ConfigKeys.NP);
    String type = f.string("type");
    String target = f.string("target");
    if (type.equals(ConfigKeys.NP_HTTP)) {
      boolean ssl = f.bool("ssl", NpTarget.DEFAULT_SSL);
      int port = f.integer("port", ssl ? NpTarget.DEFAULT_HTTPS_PORT : NpTarget.DEFAULT_HTTP_PORT);
      return new NpTarget.Http(target, port, ssl, f.optString("path").orElse(NpTarget.DEFAULT_PATH),
          f.duration("timeout", NpTarget.DEFAULT_TIMEOUT));
    }
    if (type.equals(ConfigKeys.NP_WITNESS)) {
      ConfigKeys.NP_HTTP_ONLY.stream().filter(k -> !ConfigKeys.NP_WITNESS_ALSO.contains(k))
          .forEach(k -> f.rejectPresent(k, "only http targets use this key"));
      return new NpTarget.Witness(target, f.integer("port", NpTarget.DEFAULT_WITNESS_PORT),
          f.bool("ssl", NpTarget.DEFAULT_SSL), f.duration("timeout", NpTarget.DEFAULT_TIMEOUT));
    }
    if (type.equals(ConfigKeys.NP_PING)) {
      ConfigKeys.NP_HTTP_ONLY.forEach(k -> f.rejectPresent(k, "only http and witness targets use this key"));
    } else if (!type.isEmpty()) {
      problems.add(f.pathOf("type"), "expected " + ConfigKeys.NP_HTTP + ", " + ConfigKeys.NP_PING + " or "
          + ConfigKeys.NP_WITNESS + ", got '" + type + "'");
    }
    return new NpTarget.Ping(target, f.duration("timeout", NpTarget.DEFAULT_TIMEOUT));
  }

  private ManagementConfig management(Fields f) {
    List<User> users = new ArrayList<>();
    for (YamlNode node : f.items("users")) {
      Fields u = Fields.of(node, ConfigKeys.USER);
      String name = u.string("name");
      requirePresent(u, "role");
      Role role = u.choice("role", Role.values(), Role::yamlName, Role.VIEWER);
      users.add(new User(name, role, u.string("passwordHash")));
    }
    Tls tls = null;
    if (f.has("tls")) {
      Fields t = f.section("tls", ConfigKeys.TLS);
      tls = new Tls(t.string("certFile"), t.string("keyFile"));
    }
    return new ManagementConfig(users, tls);
  }

  private static AwsConfig aws(Fields f) {
    return new AwsConfig(f.optString("region"), f.optString("ec2Endpoint"), f.optString("route53Endpoint"),
        f.optString("httpsProxy"), f.duration("callTimeout", AwsConfig.DEFAULT_CALL_TIMEOUT),
        f.integer("maxRetries", AwsConfig.DEFAULT_MAX_RETRIES));
  }

  private GroupConfig group(YamlNode node, List<String> allServers) {
    Fields f = Fields.of(node, ConfigKeys.GROUP);
    String name = f.string("name");
    List<String> startup = f.has("startupServers") ? f.strings("startupServers") : allServers;
    return new GroupConfig(name, startup,
        f.bool("autoStart", GroupConfig.DEFAULT_AUTO_START),
        f.bool("autoFailback", GroupConfig.DEFAULT_AUTO_FAILBACK),
        f.items("resources").stream().map(this::resource).toList());
  }

  private ResourceConfig resource(YamlNode node) {
    Fields f = Fields.of(node, ConfigKeys.RESOURCE);
    Fields act = f.section("activation", ConfigKeys.ACTIVATION);
    Fields deact = f.section("deactivation", ConfigKeys.DEACTIVATION);
    ResourceConfig.Recovery activation = new ResourceConfig.Recovery(
        act.integer("retries", ResourceConfig.DEFAULT_ACTIVATION.retries()),
        act.integer("failovers", ResourceConfig.DEFAULT_ACTIVATION.failovers()),
        act.choice("finalAction", FinalAction.values(), FinalAction::yamlName,
            ResourceConfig.DEFAULT_ACTIVATION.finalAction()));
    ResourceConfig.Recovery deactivation = new ResourceConfig.Recovery(
        deact.integer("retries", ResourceConfig.DEFAULT_DEACTIVATION.retries()),
        ResourceConfig.DEFAULT_DEACTIVATION.failovers(),
        deact.choice("finalAction", FinalAction.values(), FinalAction::yamlName,
            ResourceConfig.DEFAULT_DEACTIVATION.finalAction()));
    return new ResourceConfig(f.string("name"), f.string("type"), f.strings("dependsOn"), activation,
        deactivation, f.plainMap("params"), f.perServer("servers"));
  }

  private MonitorConfig monitor(YamlNode node, List<GroupConfig> groups) {
    Fields f = Fields.of(node, ConfigKeys.MONITOR);
    String name = f.string("name");
    String type = f.string("type");
    String target = f.optString("target").orElse(null);
    return new MonitorConfig(name, type,
        f.duration("interval", MonitorConfig.DEFAULT_INTERVAL),
        f.duration("timeout", MonitorConfig.DEFAULT_TIMEOUT),
        f.integer("retries", MonitorConfig.DEFAULT_RETRIES),
        f.duration("startWait", MonitorConfig.DEFAULT_START_WAIT),
        f.choice("when", MonitorConfig.MonitorWhen.values(), MonitorConfig.MonitorWhen::yamlName,
            MonitorConfig.DEFAULT_WHEN),
        target, recovery(f.section("recovery", ConfigKeys.RECOVERY), target, groups),
        f.plainMap("params"), f.perServer("servers"));
  }

  /**
   * The recovery target's kind follows from the name: a resource, a group (one namespace, so it
   * is never ambiguous in a valid file) or LocalServer. An unknown name is left to the validator.
   */
  private static MonitorConfig.RecoveryAction recovery(Fields f, String monitorTarget, List<GroupConfig> groups) {
    String target = f.optString("target").orElseGet(() -> Optional.ofNullable(monitorTarget)
        .flatMap(t -> groupOf(t, groups)).orElse(MonitorConfig.LOCAL_SERVER));
    MonitorConfig.RecoveryTargetKind kind;
    if (target.equals(MonitorConfig.LOCAL_SERVER)) {
      kind = MonitorConfig.RecoveryTargetKind.LOCAL_SERVER;
    } else if (groups.stream().anyMatch(g -> g.name().equals(target))) {
      kind = MonitorConfig.RecoveryTargetKind.GROUP;
    } else {
      kind = MonitorConfig.RecoveryTargetKind.RESOURCE;
    }
    int reactivationsDefault = kind == MonitorConfig.RecoveryTargetKind.LOCAL_SERVER
        ? MonitorConfig.DEFAULT_LOCAL_SERVER_REACTIVATIONS : MonitorConfig.DEFAULT_REACTIVATIONS;
    return new MonitorConfig.RecoveryAction(kind, target,
        f.integer("reactivations", reactivationsDefault),
        f.integer("failovers", MonitorConfig.DEFAULT_FAILOVERS),
        f.choice("finalAction", FinalAction.values(), FinalAction::yamlName, MonitorConfig.DEFAULT_FINAL_ACTION));
  }

  private static Optional<String> groupOf(String resource, List<GroupConfig> groups) {
    return groups.stream()
        .filter(g -> g.resources().stream().anyMatch(r -> r.name().equals(resource)))
        .map(GroupConfig::name)
        .findFirst();
  }
}
