package io.zoneha.engine.group;

import io.zoneha.engine.config.GroupConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plays one scenario file through {@link GroupDecider}: setup lines build the view, each
 * {@code event} line runs one decision, and the indented lines under it are what the decision
 * must have produced (actions in order, then every local group whose record changed).
 * The local map returned by one decision is carried into the next view; any line between two
 * events ({@code live}, {@code claim}, {@code local}) changes the view explicitly.
 */
final class Scenario {
  /** One event whose expected lines differ from what the decider produced. */
  record Mismatch(String where, String event, List<String> expected, List<String> actual) {}

  record Outcome(String regenerated, List<Mismatch> mismatches, int events) {}

  private final String name;
  private final List<String> servers = new ArrayList<>();
  private final Map<String, GroupConfig> groups = new LinkedHashMap<>();
  private final Set<String> live = new LinkedHashSet<>();
  private final Map<String, Map<String, Claim>> peerClaims = new HashMap<>();
  private Map<String, LocalGroup> local = new HashMap<>();
  private String self;
  private boolean startupComplete;

  private final StringBuilder out = new StringBuilder();
  private final List<Mismatch> mismatches = new ArrayList<>();
  private int events;

  private Scenario(String name) {
    this.name = name;
  }

  static Outcome run(String name, List<String> lines) {
    Scenario s = new Scenario(name);
    s.play(lines);
    if (s.events == 0) {
      throw new IllegalArgumentException(name + ": a scenario needs at least one event line");
    }
    return new Outcome(s.out.toString(), s.mismatches, s.events);
  }

  private void play(List<String> lines) {
    int i = 0;
    while (i < lines.size()) {
      String text = lines.get(i);
      String where = name + ":" + (i + 1);
      i++;
      if (text.isBlank() || text.startsWith("#")) {
        out.append(text).append('\n');
      } else if (Character.isWhitespace(text.charAt(0))) {
        throw new IllegalArgumentException(where + ": indented line without an event above it");
      } else if (text.startsWith("event ")) {
        List<String> expected = new ArrayList<>();
        while (i < lines.size() && !lines.get(i).isEmpty() && Character.isWhitespace(lines.get(i).charAt(0))) {
          expected.add(lines.get(i++).trim());
        }
        runEvent(text, where, expected);
      } else {
        setup(ScenarioLine.parse(text, where));
        out.append(text).append('\n');
      }
    }
  }

  private void setup(ScenarioLine l) {
    String what = l.word(0, "keyword");
    List<String> rest = l.words.subList(1, l.words.size());
    switch (what) {
      case "servers" -> servers.addAll(rest);
      case "self" -> self = known(l.word(1, "server"), l);
      case "live" -> {
        live.clear();
        rest.forEach(s -> live.add(known(s, l)));
      }
      case "group" -> group(l);
      case "claim" -> {
        String server = known(l.word(1, "server"), l);
        if (server.equals(self)) {
          throw l.bad("claims are what peers say; set this server's groups with a local line");
        }
        peerClaims.computeIfAbsent(server, k -> new HashMap<>()).put(l.word(2, "group"), ScenarioFormat.claim(l));
      }
      case "local" -> local.put(l.word(1, "group"), ScenarioFormat.local(l));
      default -> throw l.bad("unknown line " + what
          + " (expected servers, self, live, group, claim, local, event or an indented expectation)");
    }
  }

  private void group(ScenarioLine l) {
    String name = l.word(1, "group name");
    List<String> startup = Arrays.asList(l.get("startup").split(","));
    startup.forEach(s -> known(s, l));
    Set<String> flags = new LinkedHashSet<>(l.words.subList(2, l.words.size()));
    boolean autoStart = flags.remove("autoStart");
    boolean autoFailback = flags.remove("autoFailback");
    if (!flags.isEmpty()) {
      throw l.bad("unknown group flags " + flags + " (expected autoStart, autoFailback)");
    }
    groups.put(name, new GroupConfig(name, startup, autoStart, autoFailback, List.of()));
  }

  private String known(String server, ScenarioLine l) {
    if (!servers.contains(server)) {
      throw l.bad("unknown server " + server + " (list it on the servers line first)");
    }
    return server;
  }

  private void runEvent(String text, String where, List<String> expected) {
    if (self == null) {
      throw new IllegalArgumentException(where + ": set self before the first event");
    }
    GroupEvent event = ScenarioFormat.event(ScenarioLine.parse(text.substring("event ".length()), where));
    startupComplete |= event instanceof GroupEvent.StartupComplete;
    GroupView view = new GroupView(self, List.copyOf(groups.values()), servers, live, peerClaims, local,
        startupComplete);
    GroupDecision decision = GroupDecider.decide(view, event);
    List<String> actual = describe(decision);
    local = new HashMap<>(decision.local());
    events++;
    out.append(text).append('\n');
    actual.forEach(a -> out.append("  ").append(a).append('\n'));
    if (!expected.equals(actual)) {
      mismatches.add(new Mismatch(where, text, expected, actual));
    }
  }

  private List<String> describe(GroupDecision decision) {
    List<String> lines = new ArrayList<>();
    decision.actions().forEach(a -> lines.add(ScenarioFormat.action(a)));
    Set<String> names = new LinkedHashSet<>(groups.keySet());
    names.addAll(decision.local().keySet());
    for (String g : names) {
      LocalGroup before = local.getOrDefault(g, LocalGroup.INITIAL);
      LocalGroup after = decision.local().getOrDefault(g, LocalGroup.INITIAL);
      if (!before.equals(after)) {
        lines.add(ScenarioFormat.local(g, after));
      }
    }
    if (lines.isEmpty()) {
      lines.add("nothing");
    }
    return lines;
  }
}
