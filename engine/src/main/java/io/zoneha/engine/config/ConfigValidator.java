package io.zoneha.engine.config;

import io.zoneha.engine.config.ManagementConfig.User;
import io.zoneha.engine.config.MonitorConfig.MonitorWhen;
import io.zoneha.engine.config.MonitorConfig.RecoveryTargetKind;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.MonitorType;
import io.zoneha.engine.spi.ResourceType;
import io.zoneha.engine.spi.TypeRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every rule about what the values of cluster.yaml mean, in one place: ranges, formats, names and
 * references between sections, and each resource's and monitor's type-specific fields as every
 * server sees them. Paths in problems are the file's ({@code groups[0].resources[1].dependsOn}).
 */
final class ConfigValidator {
  private static final Pattern NAME = Pattern.compile(ClusterConfig.NAME_PATTERN);
  private static final Pattern AZ = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final int MAX_AWS_RETRIES = 20;

  private final TypeRegistry registry;
  private final Problems problems;
  private ClusterConfig config;

  ConfigValidator(TypeRegistry registry, Problems problems) {
    this.registry = registry;
    this.problems = problems;
  }

  void validate(ClusterConfig c) {
    this.config = c;
    cluster();
    servers();
    heartbeat();
    np();
    management();
    aws();
    groups();
    for (int i = 0; i < c.monitors().size(); i++) {
      monitor(c.monitors().get(i), "monitors[" + i + "]", true);
    }
    duplicateMonitorNames();
  }

  /**
   * The config with the monitors each resource type adds by itself (the watcher of an awsvip, ...),
   * unless the file already defines a monitor of that name. Call only on a valid config.
   */
  ClusterConfig withAutoMonitors(ClusterConfig c) {
    this.config = c;
    List<MonitorConfig> monitors = new ArrayList<>(c.monitors());
    Set<String> taken = new HashSet<>();
    c.monitors().forEach(m -> taken.add(m.name()));
    for (int g = 0; g < c.groups().size(); g++) {
      List<ResourceConfig> resources = c.groups().get(g).resources();
      for (int r = 0; r < resources.size(); r++) {
        ResourceConfig res = resources.get(r);
        for (MonitorConfig auto : registry.resource(res.type()).map(t -> t.autoMonitors(res)).orElse(List.of())) {
          if (taken.add(auto.name())) {
            monitor(auto, "groups[" + g + "].resources[" + r + "].autoMonitor(" + auto.name() + ")", false);
            monitors.add(auto);
          }
        }
      }
    }
    return new ClusterConfig(c.name(), c.secret(), c.servers(), c.heartbeat(), c.np(), c.management(), c.aws(),
        c.groups(), monitors, c.fingerprint());
  }

  // ---- cluster, servers, network ----

  private void cluster() {
    name("cluster.name", config.name());
    String secretPath = problems.hasLine("cluster.secretFile") ? "cluster.secretFile" : "cluster.secret";
    if (config.secret().length() < ClusterConfig.MIN_SECRET_LENGTH) {
      // the secret itself must never appear in a message, not even a part of it
      problems.add(secretPath, "the secret is too short (at least " + ClusterConfig.MIN_SECRET_LENGTH
          + " characters)");
    }
  }

  private void servers() {
    List<ServerConfig> servers = config.servers();
    if (servers.size() < ClusterConfig.MIN_SERVERS) {
      problems.add("servers", "at least " + ClusterConfig.MIN_SERVERS + " servers are needed, found "
          + servers.size());
    }
    Map<String, String> names = new HashMap<>();
    Map<String, String> addresses = new HashMap<>();
    for (int i = 0; i < servers.size(); i++) {
      ServerConfig s = servers.get(i);
      String path = "servers[" + i + "]";
      if (name(path + ".name", s.name())) {
        unique(names, s.name(), path + ".name", "server name");
      }
      if (s.az() != null && !AZ.matcher(s.az()).matches()) {
        problems.add(path + ".az", "not an availability zone name: '" + s.az() + "' (e.g. ap-northeast-1a)");
      }
      interconnects(s, path, addresses);
      // the default (interconnects[0]) is judged as an interconnect already
      boolean derived = s.interconnects().isEmpty() ? s.managementHost().isEmpty()
          : s.managementHost().equals(s.interconnects().get(0));
      if (!derived && !Addresses.isIpLiteral(s.managementHost())) {
        problems.add(path + ".managementHost", "not an IP address: '" + s.managementHost() + "'");
      }
      port(path + ".managementPort", s.managementPort(), 65535);
      // the event bus listens on busPort + 1, so busPort itself must leave room for it
      port(path + ".busPort", s.busPort(), 65534);
    }
    sameInterconnectCount(servers);
    portCollisions(servers);
  }

  private void interconnects(ServerConfig s, String path, Map<String, String> seen) {
    if (s.interconnects().isEmpty()) {
      problems.add(path + ".interconnects", "at least one address is needed");
    }
    for (int k = 0; k < s.interconnects().size(); k++) {
      String address = s.interconnects().get(k);
      String p = path + ".interconnects[" + k + "]";
      if (!Addresses.isIpLiteral(address)) {
        problems.add(p, "not an IP address: '" + address + "'");
      } else {
        // one address belongs to one server: the heartbeat port is the same on every server
        unique(seen, address, p, "interconnect address");
      }
    }
  }

  private void sameInterconnectCount(List<ServerConfig> servers) {
    Optional<ServerConfig> reference = servers.stream().filter(s -> !s.interconnects().isEmpty()).findFirst();
    if (reference.isEmpty()) {
      return;
    }
    ServerConfig first = reference.get();
    for (int i = 0; i < servers.size(); i++) {
      ServerConfig s = servers.get(i);
      if (s.interconnects().size() != first.interconnects().size() && !s.interconnects().isEmpty()) {
        problems.add("servers[" + i + "].interconnects", "has " + s.interconnects().size() + " address(es) but "
            + first.name() + " has " + first.interconnects().size() + "; interconnect i is address i on every server");
      }
    }
  }

  private record Binding(int server, String host, int port, String path, String what) {}

  /** TCP listeners: management, Hazelcast (busPort) and the event bus (busPort + 1). */
  private void portCollisions(List<ServerConfig> servers) {
    List<Binding> bindings = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      ServerConfig s = servers.get(i);
      if (s.interconnects().isEmpty()) {
        continue;
      }
      String path = "servers[" + i + "]";
      bindings.add(new Binding(i, s.managementHost(), s.managementPort(), path + ".managementPort",
          "management port"));
      bindings.add(new Binding(i, s.primaryAddress(), s.busPort(), path + ".busPort", "bus port"));
      bindings.add(new Binding(i, s.primaryAddress(), s.busPort() + 1, path + ".busPort",
          "event bus port (busPort + 1)"));
    }
    for (int b = 0; b < bindings.size(); b++) {
      for (int a = 0; a < b; a++) {
        Binding x = bindings.get(a);
        Binding y = bindings.get(b);
        boolean sameHost = x.host().equals(y.host())
            || (x.server() == y.server() && (Addresses.isWildcard(x.host()) || Addresses.isWildcard(y.host())));
        if (x.port() == y.port() && sameHost) {
          problems.add(y.path(), y.what() + " " + y.port() + " on " + y.host() + " collides with the " + x.what() + " of "
              + servers.get(x.server()).name());
          break;
        }
      }
    }
  }

  private void heartbeat() {
    HeartbeatConfig h = config.heartbeat();
    port("heartbeat.port", h.port(), 65535);
    positive("heartbeat.interval", h.interval());
    if (h.timeout().compareTo(h.interval().multipliedBy(2)) < 0) {
      problems.add("heartbeat.timeout", "must be at least 2 x interval (" + Durations.format(h.interval().multipliedBy(2))
          + "), got " + Durations.format(h.timeout()));
    }
  }

  private void np() {
    int firstWitness = -1;
    for (int i = 0; i < config.np().size(); i++) {
      NpTarget t = config.np().get(i);
      String path = "np[" + i + "]";
      if (!Addresses.isHost(t.target())) {
        problems.add(path + ".target", "not a host name or IP address: '" + t.target() + "'");
      }
      positive(path + ".timeout", t.timeout());
      if (t instanceof NpTarget.Http http) {
        port(path + ".port", http.port(), 65535);
        if (!http.path().startsWith("/")) {
          problems.add(path + ".path", "must start with /, got '" + http.path() + "'");
        }
      }
      if (t instanceof NpTarget.Witness w) {
        port(path + ".port", w.port(), 65535);
        if (firstWitness >= 0) {
          // two witnesses could each vouch for a different side: the tie would not be broken
          problems.add(path + ".type", "only one witness target is allowed; np[" + firstWitness + "] is one already");
        } else {
          firstWitness = i;
        }
      }
    }
  }

  private void management() {
    Map<String, String> names = new HashMap<>();
    List<User> users = config.management().users();
    for (int i = 0; i < users.size(); i++) {
      User u = users.get(i);
      String path = "management.users[" + i + "]";
      if (name(path + ".name", u.name())) {
        unique(names, u.name(), path + ".name", "user name");
      }
      if (!isPasswordHash(u.passwordHash())) {
        // never echo the value: a hash is still something to keep out of logs
        problems.add(path + ".passwordHash", "not a password hash; expected " + User.HASH_SCHEME
            + "$<iterations>$<salt base64>$<hash base64>");
      }
    }
  }

  static boolean isPasswordHash(String s) {
    String[] parts = s.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(User.HASH_SCHEME)) {
      return false;
    }
    try {
      return Integer.parseInt(parts[1]) > 0
          && Base64.getDecoder().decode(parts[2]).length > 0
          && Base64.getDecoder().decode(parts[3]).length > 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void aws() {
    AwsConfig a = config.aws();
    a.region().filter(r -> !REGION.matcher(r).matches())
        .ifPresent(r -> problems.add("aws.region", "not a region name: '" + r + "' (e.g. ap-northeast-1)"));
    url("aws.ec2Endpoint", a.ec2Endpoint());
    url("aws.route53Endpoint", a.route53Endpoint());
    url("aws.httpsProxy", a.httpsProxy());
    positive("aws.callTimeout", a.callTimeout());
    if (a.maxRetries() < 0 || a.maxRetries() > MAX_AWS_RETRIES) {
      problems.add("aws.maxRetries", "must be 0.." + MAX_AWS_RETRIES + ", got " + a.maxRetries());
    }
  }

  private void url(String path, Optional<String> value) {
    value.filter(u -> !Addresses.isHttpUrl(u))
        .ifPresent(u -> problems.add(path, "not an http(s) URL: '" + u + "'"));
  }

  // ---- groups and resources ----

  private void groups() {
    Map<String, String> namespace = new HashMap<>();
    for (int g = 0; g < config.groups().size(); g++) {
      GroupConfig group = config.groups().get(g);
      String path = "groups[" + g + "]";
      if (name(path + ".name", group.name())) {
        unique(namespace, group.name(), path + ".name", "name");
      }
      startupServers(group, path);
      for (int r = 0; r < group.resources().size(); r++) {
        ResourceConfig res = group.resources().get(r);
        String rpath = path + ".resources[" + r + "]";
        if (name(rpath + ".name", res.name())) {
          unique(namespace, res.name(), rpath + ".name", "name");
        }
        resource(group, res, rpath);
      }
      new DependencyCycles(group, path, problems).report();
    }
  }

  private void startupServers(GroupConfig group, String path) {
    if (group.startupServers().isEmpty()) {
      problems.add(path + ".startupServers", "must name at least one server");
    }
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < group.startupServers().size(); k++) {
      String s = group.startupServers().get(k);
      if (config.server(s).isEmpty()) {
        problems.addAt(path + ".startupServers", "unknown server '" + s + "' (servers: " + serverNames() + ")",
            path + ".startupServers[" + k + "]");
      } else if (!seen.add(s)) {
        problems.addAt(path + ".startupServers", "server '" + s + "' is listed twice",
            path + ".startupServers[" + k + "]");
      }
    }
  }

  private void resource(GroupConfig group, ResourceConfig res, String path) {
    dependsOn(group, res, path);
    notNegative(path + ".activation.retries", res.activation().retries());
    notNegative(path + ".activation.failovers", res.activation().failovers());
    notNegative(path + ".deactivation.retries", res.deactivation().retries());
    perServerKeys(res.perServer(), path);
    Optional<ResourceType> type = registry.resource(res.type());
    if (type.isEmpty()) {
      problems.add(path + ".type", "unknown resource type '" + res.type() + "' (known: "
          + known(registry.resourceTypes()) + ")");
      return;
    }
    List<String> servers = group.startupServers().stream().filter(s -> config.server(s).isPresent()).toList();
    typeParams(path, res.name(), res.perServer(), servers, s -> type.get().validate(res.paramsFor(s), servers));
  }

  private void dependsOn(GroupConfig group, ResourceConfig res, String path) {
    for (int k = 0; k < res.dependsOn().size(); k++) {
      String dep = res.dependsOn().get(k);
      String linePath = path + ".dependsOn[" + k + "]";
      Optional<GroupConfig> owner = config.groupOfResource(dep);
      if (dep.equals(res.name())) {
        problems.addAt(path + ".dependsOn", "a resource cannot depend on itself", linePath);
      } else if (owner.isEmpty()) {
        problems.addAt(path + ".dependsOn", "unknown resource '" + dep + "'", linePath);
      } else if (!owner.get().name().equals(group.name())) {
        problems.addAt(path + ".dependsOn", "resource '" + dep + "' belongs to group '" + owner.get().name()
            + "'; dependencies stay within one group", linePath);
      }
    }
  }

  // ---- monitors ----

  /** Auto monitors skip the name rule: their names are built from a resource name plus a prefix. */
  private void monitor(MonitorConfig m, String path, boolean fromFile) {
    if (fromFile) {
      name(path + ".name", m.name());
    }
    positive(path + ".interval", m.interval());
    positive(path + ".timeout", m.timeout());
    notNegative(path + ".retries", m.retries());
    if (m.when() == MonitorWhen.ACTIVE && m.target() == null) {
      problems.add(path + ".target", "required when 'when' is active");
    }
    if (m.target() != null && config.groupOfResource(m.target()).isEmpty()) {
      boolean isGroup = config.group(m.target()).isPresent();
      problems.add(path + ".target", isGroup ? "'" + m.target() + "' is a group; target names a resource"
          : "unknown resource '" + m.target() + "'");
    }
    recovery(m.recovery(), path + ".recovery");
    perServerKeys(m.perServer(), path);
    Optional<MonitorType> type = registry.monitor(m.type());
    if (type.isEmpty()) {
      problems.add(path + ".type", "unknown monitor type '" + m.type() + "' (known: "
          + known(registry.monitorTypes()) + ")");
      return;
    }
    List<String> servers = config.servers().stream().map(ServerConfig::name).toList();
    typeParams(path, m.name(), m.perServer(), servers, s -> type.get().validate(m.paramsFor(s)));
  }

  private void recovery(MonitorConfig.RecoveryAction r, String path) {
    if (r.kind() == RecoveryTargetKind.RESOURCE && config.groupOfResource(r.target()).isEmpty()) {
      problems.add(path + ".target", "unknown resource or group '" + r.target() + "' (or write "
          + MonitorConfig.LOCAL_SERVER + ")");
    }
    notNegative(path + ".reactivations", r.reactivations());
    notNegative(path + ".failovers", r.failovers());
  }

  private void duplicateMonitorNames() {
    Map<String, String> names = new HashMap<>();
    for (int i = 0; i < config.monitors().size(); i++) {
      String n = config.monitors().get(i).name();
      if (NAME.matcher(n).matches()) {
        unique(names, n, "monitors[" + i + "].name", "monitor name");
      }
    }
  }

  // ---- type-specific params ----

  private void perServerKeys(Map<String, Map<String, Object>> perServer, String path) {
    for (String server : perServer.keySet()) {
      if (config.server(server).isEmpty()) {
        problems.add(path + ".servers." + server, "unknown server '" + server + "' (servers: " + serverNames() + ")");
      }
    }
  }

  /**
   * Runs a type's validation on the params each server sees. A problem every server shares is
   * reported once; one that only some servers have names each of them.
   */
  private void typeParams(String path, String owner, Map<String, Map<String, Object>> perServer,
      List<String> servers, Function<String, List<FieldProblem>> validate) {
    Map<FieldProblem, List<String>> found = new LinkedHashMap<>();
    for (String server : servers) {
      for (FieldProblem p : safely(server, owner, validate)) {
        found.computeIfAbsent(p, k -> new ArrayList<>()).add(server);
      }
    }
    found.forEach((p, failing) -> {
      String field = p.field() == null || p.field().isEmpty() ? "" : "." + p.field();
      String fieldPath = path + ".params" + field;
      if (failing.size() == servers.size()) {
        problems.add(fieldPath, p.message());
        return;
      }
      for (String server : failing) {
        String override = path + ".servers." + server + field;
        String linePath = !field.isEmpty() && problems.hasLine(override) ? override : fieldPath;
        problems.addForServer(fieldPath, p.message(), server, linePath);
      }
    });
  }

  /** A type's validation that throws (e.g. from a Params accessor) still yields a problem. */
  private static List<FieldProblem> safely(String server, String owner, Function<String, List<FieldProblem>> validate) {
    try {
      List<FieldProblem> result = validate.apply(server);
      return result == null ? List.of() : result;
    } catch (ConfigException e) {
      String msg = e.getMessage() == null ? "invalid" : e.getMessage();
      int colon = msg.indexOf(": ");
      if (msg.startsWith(owner + ".") && colon > 0) {
        return List.of(new FieldProblem(msg.substring(owner.length() + 1, colon), msg.substring(colon + 2)));
      }
      return List.of(new FieldProblem("", msg));
    } catch (RuntimeException e) {
      return List.of(new FieldProblem("", "the type's validation failed: " + e));
    }
  }

  // ---- small rules ----

  private boolean name(String path, String value) {
    if (NAME.matcher(value).matches()) {
      return true;
    }
    problems.add(path, "invalid name '" + value + "': use a-z, 0-9, _ and -, start with a letter, at most 31 characters");
    return false;
  }

  private void unique(Map<String, String> seen, String value, String path, String what) {
    String first = seen.putIfAbsent(value, path);
    if (first != null) {
      problems.add(path, "duplicate " + what + " '" + value + "' (already used at " + first + ")");
    }
  }

  private void port(String path, int port, int max) {
    if (port < 1 || port > max) {
      problems.add(path, "must be a port number 1.." + max + ", got " + port);
    }
  }

  private void positive(String path, Duration d) {
    if (d.isZero() || d.isNegative()) {
      problems.add(path, "must be longer than 0");
    }
  }

  private void notNegative(String path, int value) {
    if (value < 0) {
      problems.add(path, "must not be negative, got " + value);
    }
  }

  private String serverNames() {
    return String.join(", ", config.servers().stream().map(ServerConfig::name).toList());
  }

  private static String known(List<String> types) {
    return types.isEmpty() ? "none installed" : String.join(", ", types.stream().sorted().toList());
  }
}
