package io.zoneha.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Browser sessions of one node's management endpoint, in memory (a restart logs everyone out,
 * which is acceptable for an admin UI). Time is passed in so expiry is testable without waiting.
 * Used from one event loop only.
 */
public final class SessionStore {
  /** A session ends after this long without a request. */
  public static final long IDLE_MILLIS = 8 * 60 * 60 * 1000L;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Session> sessions = new HashMap<>();

  /** A logged-in browser: the cookie value {@code id} and the token it must echo on changes. */
  public record Session(String id, String csrf, ManagementAuth.Caller caller, long lastSeen) {}

  public Session create(ManagementAuth.Caller caller, long now) {
    Session s = new Session(randomToken(), randomToken(), caller, now);
    sessions.put(s.id(), s);
    return s;
  }

  /** The live session for a cookie value, refreshed; empty when unknown or expired. */
  public Optional<Session> find(String id, long now) {
    Session s = id == null ? null : sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (now - s.lastSeen() > IDLE_MILLIS) {
      sessions.remove(id);
      return Optional.empty();
    }
    Session fresh = new Session(s.id(), s.csrf(), s.caller(), now);
    sessions.put(id, fresh);
    return Optional.of(fresh);
  }

  public void remove(String id) {
    sessions.remove(id);
  }

  public void expire(long now) {
    sessions.values().removeIf(s -> now - s.lastSeen() > IDLE_MILLIS);
  }

  /** Ends every session (the logins changed); answers their ids. */
  public java.util.List<String> clear() {
    java.util.List<String> ids = java.util.List.copyOf(sessions.keySet());
    sessions.clear();
    return ids;
  }

  public int size() {
    return sessions.size();
  }

  static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
