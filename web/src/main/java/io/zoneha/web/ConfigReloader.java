package io.zoneha.web;

import io.vertx.core.Future;
import io.zoneha.engine.apply.ApplyPlan;
import io.zoneha.engine.config.ClusterConfig;
import java.util.List;

/**
 * How this node takes the configuration just installed on disk. Called on a Vert.x thread after
 * the node has answered COMMIT; implementations must not block it.
 */
@FunctionalInterface
public interface ConfigReloader {
  /** Restarts this node's cluster service with the new file (the node's own Vert.x is closed). */
  void reload(String newText);

  /**
   * Takes a configuration whose plan needs no cluster service restart in the running node,
   * restarting only the plan's monitors and groups; completes with what happened to each
   * restarted group. The default restarts the cluster service, for nodes that cannot do better.
   */
  default Future<List<String>> install(String newText, ClusterConfig next, ApplyPlan plan) {
    reload(newText);
    return Future.succeededFuture(List.of("the cluster service restarts"));
  }
}
