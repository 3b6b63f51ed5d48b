package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.config.ManagementConfig.Role;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
  private final ManagementAuth.Caller alice = new ManagementAuth.Caller("alice", Role.OPERATOR);

  @Test
  void sessionsExpireAfterIdleTimeButRequestsKeepThemAlive() {
    SessionStore store = new SessionStore();
    SessionStore.Session s = store.create(alice, 0);
    assertNotEquals(s.id(), s.csrf());
    assertTrue(store.find(s.id(), SessionStore.IDLE_MILLIS).isPresent());
    assertTrue(store.find(s.id(), 2 * SessionStore.IDLE_MILLIS).isPresent(), "refreshed by the last request");
    assertTrue(store.find(s.id(), 3 * SessionStore.IDLE_MILLIS + 1).isEmpty());
    assertEquals(0, store.size());
  }

  @Test
  void sweepAndRemove() {
    SessionStore store = new SessionStore();
    SessionStore.Session a = store.create(alice, 0);
    store.create(alice, 1000);
    store.expire(SessionStore.IDLE_MILLIS + 500);
    assertEquals(1, store.size());
    assertTrue(store.find(a.id(), 0).isEmpty());
    store.remove(store.create(alice, 0).id());
    assertEquals(1, store.size());
    assertTrue(store.find(null, 0).isEmpty());
  }
}
