package io.zoneha.web;

/**
 * Restarts this node's cluster service with the configuration just installed on disk. Called on
 * a Vert.x thread after the node has answered COMMIT; implementations must not block it (the
 * node's own Vert.x is closed by the reload).
 */
@FunctionalInterface
public interface ConfigReloader {
  void reload(String newText);
}
