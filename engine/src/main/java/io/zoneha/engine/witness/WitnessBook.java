package io.zoneha.engine.witness;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The witness's memory: when it last heard each server of each cluster, on its own monotonic
 * clock. Pure: the caller passes the time. Bounded, so that even a client holding the secret
 * cannot make it grow without end.
 */
public final class WitnessBook {
  /** More servers than any real set of clusters sharing one witness. */
  public static final int MAX_SERVERS = 4096;

  private final long startedAt;
  private final Map<String, Map<String, Long>> lastHeard = new LinkedHashMap<>();
  private int count;

  public WitnessBook(long startedAt) {
    this.startedAt = startedAt;
  }

  /** Records a report; false when the book is full and the server is new to it. */
  public boolean heard(String cluster, String server, long now) {
    Map<String, Long> servers = lastHeard.computeIfAbsent(cluster, c -> new LinkedHashMap<>());
    if (!servers.containsKey(server)) {
      if (count >= MAX_SERVERS) {
        return false;
      }
      count++;
    }
    servers.put(server, now);
    return true;
  }

  /** For each server of {@code cluster} heard since the start: milliseconds since it was last heard. */
  public Map<String, Long> ages(String cluster, long now) {
    Map<String, Long> out = new LinkedHashMap<>();
    lastHeard.getOrDefault(cluster, Map.of()).forEach((server, at) -> out.put(server, Math.max(0, now - at)));
    return out;
  }

  public long uptime(long now) {
    return Math.max(0, now - startedAt);
  }
}
