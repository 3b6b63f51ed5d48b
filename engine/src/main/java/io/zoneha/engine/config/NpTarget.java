package io.zoneha.engine.config;

import java.time.Duration;

/**
 * A network-partition resolution target. A node that loses a peer first checks every target; if
 * it reaches none it considers itself isolated.
 */
public sealed interface NpTarget {
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
  int DEFAULT_HTTP_PORT = 80;
  int DEFAULT_HTTPS_PORT = 443;
  boolean DEFAULT_SSL = false;
  String DEFAULT_PATH = "/";
  int DEFAULT_WITNESS_PORT = 29020;

  String target();

  Duration timeout();

  /** HTTP HEAD to target:port/path; reachable when the answer is 200. */
  record Http(String target, int port, boolean ssl, String path, Duration timeout) implements NpTarget {}

  /** ICMP echo through the system ping command. */
  record Ping(String target, Duration timeout) implements NpTarget {}

  /**
   * A ZoneHA witness server ({@code zoneha witness}) in a third location. Every node reports to it
   * each heartbeat interval; when a peer is lost, what the witness last heard from that peer decides
   * whether it is down (take over) or only the interconnect is cut (keep things as they are).
   * {@code timeout} bounds one request to the witness.
   */
  record Witness(String target, int port, boolean ssl, Duration timeout) implements NpTarget {}
}
