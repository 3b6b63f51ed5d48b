package io.zoneha.engine.group;

import io.zoneha.engine.config.ResourceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dependency levels of a group's resources: level 0 has no dependency, level n depends only on
 * lower levels. Resources of one level are independent and start in parallel, which keeps
 * failover time to the longest chain instead of the sum of all resources.
 */
public final class ActivationOrder {
  private ActivationOrder() {}

  /** Levels in activation order; deactivation walks them backwards. Requires an acyclic graph. */
  public static List<List<ResourceConfig>> levels(List<ResourceConfig> resources) {
    Map<String, ResourceConfig> byName = new HashMap<>();
    resources.forEach(r -> byName.put(r.name(), r));
    Map<String, Integer> level = new HashMap<>();
    int max = -1;
    for (ResourceConfig r : resources) {
      max = Math.max(max, levelOf(r, byName, level, 0));
    }
    List<List<ResourceConfig>> out = new ArrayList<>();
    for (int i = 0; i <= max; i++) {
      int l = i;
      out.add(resources.stream().filter(r -> level.get(r.name()) == l).toList());
    }
    return out;
  }

  private static int levelOf(ResourceConfig r, Map<String, ResourceConfig> byName, Map<String, Integer> memo, int depth) {
    Integer known = memo.get(r.name());
    if (known != null) {
      return known;
    }
    if (depth > byName.size()) {
      throw new IllegalStateException("dependency cycle through " + r.name());
    }
    int l = 0;
    for (String dep : r.dependsOn()) {
      ResourceConfig d = byName.get(dep);
      if (d == null) {
        throw new IllegalStateException(r.name() + " depends on unknown resource " + dep);
      }
      l = Math.max(l, levelOf(d, byName, memo, depth + 1) + 1);
    }
    memo.put(r.name(), l);
    return l;
  }
}
