package io.zoneha.engine.config;

import java.util.List;

/** Who may use the management endpoint (REST, web UI) of every node. */
public record ManagementConfig(List<User> users, Tls tls) {
  public ManagementConfig {
    users = List.copyOf(users);
  }

  /** Operators may act; viewers may only look. */
  public enum Role { OPERATOR, VIEWER }

  /** A login; {@code passwordHash} is {@code pbkdf2-sha256$iterations$saltB64$hashB64}. */
  public record User(String name, Role role, String passwordHash) {}

  /** PEM certificate and key; null means plain HTTP. */
  public record Tls(String certFile, String keyFile) {}
}
