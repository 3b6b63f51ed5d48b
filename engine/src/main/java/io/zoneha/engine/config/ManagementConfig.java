package io.zoneha.engine.config;

import java.util.List;

/** Who may use the management endpoint (REST, web UI) of every node. */
public record ManagementConfig(List<User> users, Tls tls) {
  public ManagementConfig {
    users = List.copyOf(users);
  }

  /** No users and plain HTTP: only the CLI (token from the cluster secret) gets in. */
  public static ManagementConfig none() {
    return new ManagementConfig(List.of(), null);
  }

  /** Operators may act; viewers may only look. */
  public enum Role {
    OPERATOR("operator"),
    VIEWER("viewer");

    private final String yamlName;

    Role(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }
  }

  /** A login; {@code passwordHash} is {@code pbkdf2-sha256$iterations$saltB64$hashB64}. */
  public record User(String name, Role role, String passwordHash) {
    public static final String HASH_SCHEME = "pbkdf2-sha256";

    /** The hash stays out of logs: it is enough to mount an offline guessing attack. */
    @Override
    public String toString() {
      return "User[name=" + name + ", role=" + role + ", passwordHash=***]";
    }
  }

  /** PEM certificate and key; null means plain HTTP. */
  public record Tls(String certFile, String keyFile) {}
}
