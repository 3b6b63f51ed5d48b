package io.zoneha.engine.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every key cluster.yaml accepts, section by section, with its default as docs/configuration.md
 * shows it. The parser accepts exactly these keys and no others, and a test compares this table
 * with the documentation, so code and reference page cannot drift apart. Defaults are built from
 * the constants next to the records, so changing a constant shows up as a documentation diff.
 */
public final class ConfigKeys {
  /** Shown for keys that must be present. */
  public static final String REQUIRED = "required";
  /** Shown for optional keys without a default value. */
  public static final String NONE = "-";

  /** One key: {@code section.path() + "." + name} is how docs/configuration.md lists it. */
  public record Key(String name, String defaultText) {}

  /** The keys allowed in one mapping of the file; {@code path} uses {@code []} for list items. */
  public record Section(String path, List<Key> keys) {
    public Section {
      keys = List.copyOf(keys);
    }

    public List<String> names() {
      return keys.stream().map(Key::name).toList();
    }

    public boolean allows(String name) {
      return keys.stream().anyMatch(k -> k.name().equals(name));
    }

    /** The documented path of one of this section's keys. */
    public String pathOf(String name) {
      return path.isEmpty() ? name : path + "." + name;
    }
  }

  public static final Section ROOT = section("",
      key("cluster", REQUIRED),
      key("servers", REQUIRED),
      key("heartbeat", "(all defaults)"),
      key("np", "[] (no NP resolution)"),
      key("management", "(no users, no TLS)"),
      key("aws", "(all defaults)"),
      key("groups", "[]"),
      key("monitors", "[]"));

  public static final Section CLUSTER = section("cluster",
      key("name", REQUIRED),
      key("secret", "required unless secretFile"),
      key("secretFile", NONE));

  public static final Section SERVER = section("servers[]",
      key("name", REQUIRED),
      key("az", NONE),
      key("interconnects", REQUIRED),
      key("managementHost", "interconnects[0]"),
      key("managementPort", String.valueOf(ServerConfig.DEFAULT_MANAGEMENT_PORT)),
      key("busPort", String.valueOf(ServerConfig.DEFAULT_BUS_PORT)));

  public static final Section HEARTBEAT = section("heartbeat",
      key("port", String.valueOf(HeartbeatConfig.DEFAULT_PORT)),
      key("interval", doc(HeartbeatConfig.DEFAULT_INTERVAL)),
      key("timeout", doc(HeartbeatConfig.DEFAULT_TIMEOUT)),
      key("startupWait", doc(HeartbeatConfig.DEFAULT_STARTUP_WAIT)));

  public static final String NP_HTTP = "http";
  public static final String NP_PING = "ping";
  public static final String NP_WITNESS = "witness";

  public static final Section NP = section("np[]",
      key("type", REQUIRED),
      key("target", REQUIRED),
      key("port", "http: " + NpTarget.DEFAULT_HTTPS_PORT + " when ssl, else " + NpTarget.DEFAULT_HTTP_PORT
          + "; witness: " + NpTarget.DEFAULT_WITNESS_PORT),
      key("ssl", String.valueOf(NpTarget.DEFAULT_SSL)),
      key("path", NpTarget.DEFAULT_PATH),
      key("timeout", doc(NpTarget.DEFAULT_TIMEOUT)));

  /** The keys of {@link #NP} that only an http target uses. */
  public static final List<String> NP_HTTP_ONLY = List.of("port", "ssl", "path");

  /** The keys of {@link #NP} that a ping target does not use but a witness target does. */
  public static final List<String> NP_WITNESS_ALSO = List.of("port", "ssl");

  public static final Section MANAGEMENT = section("management",
      key("users", "[]"),
      key("tls", "(plain HTTP)"));

  public static final Section USER = section("management.users[]",
      key("name", REQUIRED),
      key("role", REQUIRED),
      key("passwordHash", REQUIRED));

  public static final Section TLS = section("management.tls",
      key("certFile", REQUIRED),
      key("keyFile", REQUIRED));

  public static final Section AWS = section("aws",
      key("region", "(SDK default chain)"),
      key("ec2Endpoint", "(regional endpoint)"),
      key("route53Endpoint", "(global endpoint)"),
      key("httpsProxy", NONE),
      key("callTimeout", doc(AwsConfig.DEFAULT_CALL_TIMEOUT)),
      key("maxRetries", String.valueOf(AwsConfig.DEFAULT_MAX_RETRIES)));

  public static final Section GROUP = section("groups[]",
      key("name", REQUIRED),
      key("startupServers", "all servers in priority order"),
      key("autoStart", String.valueOf(GroupConfig.DEFAULT_AUTO_START)),
      key("autoFailback", String.valueOf(GroupConfig.DEFAULT_AUTO_FAILBACK)),
      key("resources", "[]"));

  public static final Section RESOURCE = section("groups[].resources[]",
      key("name", REQUIRED),
      key("type", REQUIRED),
      key("dependsOn", "[]"),
      key("activation", "(defaults below)"),
      key("deactivation", "(defaults below)"),
      key("params", "{}"),
      key("servers", "{}"));

  public static final Section ACTIVATION = section("groups[].resources[].activation",
      key("retries", String.valueOf(ResourceConfig.DEFAULT_ACTIVATION.retries())),
      key("failovers", String.valueOf(ResourceConfig.DEFAULT_ACTIVATION.failovers())),
      key("finalAction", ResourceConfig.DEFAULT_ACTIVATION.finalAction().yamlName()));

  public static final Section DEACTIVATION = section("groups[].resources[].deactivation",
      key("retries", String.valueOf(ResourceConfig.DEFAULT_DEACTIVATION.retries())),
      key("finalAction", ResourceConfig.DEFAULT_DEACTIVATION.finalAction().yamlName()));

  public static final Section MONITOR = section("monitors[]",
      key("name", REQUIRED),
      key("type", REQUIRED),
      key("interval", doc(MonitorConfig.DEFAULT_INTERVAL)),
      key("timeout", doc(MonitorConfig.DEFAULT_TIMEOUT)),
      key("retries", String.valueOf(MonitorConfig.DEFAULT_RETRIES)),
      key("startWait", doc(MonitorConfig.DEFAULT_START_WAIT)),
      key("when", MonitorConfig.DEFAULT_WHEN.yamlName()),
      key("target", "required when when=active"),
      key("recovery", "(defaults below)"),
      key("params", "{}"),
      key("servers", "{}"));

  public static final Section RECOVERY = section("monitors[].recovery",
      key("target", "the group of target, else " + MonitorConfig.LOCAL_SERVER),
      key("reactivations", MonitorConfig.DEFAULT_REACTIVATIONS + " (" + MonitorConfig.DEFAULT_LOCAL_SERVER_REACTIVATIONS
          + " when the target is " + MonitorConfig.LOCAL_SERVER + ")"),
      key("failovers", String.valueOf(MonitorConfig.DEFAULT_FAILOVERS)),
      key("finalAction", MonitorConfig.DEFAULT_FINAL_ACTION.yamlName()));

  private ConfigKeys() {}

  public static List<Section> sections() {
    return List.of(ROOT, CLUSTER, SERVER, HEARTBEAT, NP, MANAGEMENT, USER, TLS, AWS, GROUP, RESOURCE,
        ACTIVATION, DEACTIVATION, MONITOR, RECOVERY);
  }

  /** Every documented key path (such as {@code groups[].resources[].dependsOn}) to its default. */
  public static Map<String, String> all() {
    Map<String, String> all = new LinkedHashMap<>();
    for (Section s : sections()) {
      for (Key k : s.keys()) {
        all.put(s.pathOf(k.name()), k.defaultText());
      }
    }
    return all;
  }

  /** Durations as the reference page writes them: 500ms, 3s, 60s (seconds rather than 1m). */
  static String doc(java.time.Duration d) {
    long ms = d.toMillis();
    return ms % 1000 != 0 ? ms + "ms" : ms / 1000 + "s";
  }

  private static Key key(String name, String defaultText) {
    return new Key(name, defaultText);
  }

  private static Section section(String path, Key... keys) {
    return new Section(path, new ArrayList<>(Stream.of(keys).toList()));
  }
}
