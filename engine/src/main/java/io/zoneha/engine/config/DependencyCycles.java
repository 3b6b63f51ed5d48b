package io.zoneha.engine.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds dependsOn cycles inside one group (a cycle has no activation order) and reports each
 * once, spelled out, at the first resource of the cycle in file order.
 */
final class DependencyCycles {
  private final GroupConfig group;
  private final String groupPath;
  private final Problems problems;
  private final Map<String, Integer> index = new HashMap<>();
  private final Set<String> done = new HashSet<>();
  private final Set<Set<String>> reported = new HashSet<>();

  DependencyCycles(GroupConfig group, String groupPath, Problems problems) {
    this.group = group;
    this.groupPath = groupPath;
    this.problems = problems;
    for (int i = 0; i < group.resources().size(); i++) {
      index.putIfAbsent(group.resources().get(i).name(), i);
    }
  }

  void report() {
    for (ResourceConfig r : group.resources()) {
      visit(r.name(), new ArrayDeque<>());
    }
  }

  private void visit(String name, Deque<String> stack) {
    if (done.contains(name)) {
      return;
    }
    if (stack.contains(name)) {
      cycle(name, stack);
      return;
    }
    stack.addLast(name);
    for (String dep : group.resources().get(index.get(name)).dependsOn()) {
      // unknown names, other groups' resources and self-references are reported elsewhere
      if (index.containsKey(dep) && !dep.equals(name)) {
        visit(dep, stack);
      }
    }
    stack.removeLast();
    done.add(name);
  }

  private void cycle(String start, Deque<String> stack) {
    List<String> members = new ArrayList<>();
    boolean in = false;
    for (String s : stack) {
      in |= s.equals(start);
      if (in) {
        members.add(s);
      }
    }
    if (!reported.add(new HashSet<>(members))) {
      return;
    }
    String first = members.stream().min((a, b) -> index.get(a) - index.get(b)).orElse(start);
    int from = members.indexOf(first);
    List<String> ordered = new ArrayList<>(members.subList(from, members.size()));
    ordered.addAll(members.subList(0, from));
    ordered.add(first);
    problems.add(groupPath + ".resources[" + index.get(first) + "].dependsOn",
        "dependency cycle: " + String.join(" -> ", ordered));
  }
}
