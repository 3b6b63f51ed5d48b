package io.zoneha.engine.config;

import java.time.Duration;

/**
 * Heartbeat timing. A peer is declared down only when no heartbeat arrived on any interconnect
 * for {@code timeout}. {@code startupWait} is how long a starting node waits for every server to
 * show up before it auto-starts groups on its own.
 */
public record HeartbeatConfig(int port, Duration interval, Duration timeout, Duration startupWait) {
  public static final int DEFAULT_PORT = 29002;
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
  public static final Duration DEFAULT_STARTUP_WAIT = Duration.ofSeconds(10);

  public static HeartbeatConfig defaults() {
    return new HeartbeatConfig(DEFAULT_PORT, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_STARTUP_WAIT);
  }
}
