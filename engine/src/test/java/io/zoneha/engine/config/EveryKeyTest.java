package io.zoneha.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every key the loader accepts has an effect: config/every-key.yaml sets each one to a
 * non-default value, and removing any single key must change the loaded config (or make the
 * file invalid). A key declared in {@link ConfigKeys} but never read by the parser fails here.
 */
class EveryKeyTest {
  private final ConfigLoader loader = new ConfigLoader(TestTypes.strict());

  private static Map<String, Object> everyKeyFile() throws IOException {
    try (InputStream in = EveryKeyTest.class.getResourceAsStream("/config/every-key.yaml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      @SuppressWarnings("unchecked")
      Map<String, Object> data = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
      return data;
    }
  }

  @Test
  void theFileSetsEveryAcceptedKey() throws IOException {
    Set<String> present = new TreeSet<>();
    collect(everyKeyFile(), "", present);
    Set<String> accepted = new TreeSet<>(ConfigKeys.all().keySet());
    accepted.remove("cluster.secretFile"); // excludes secret; tested in ConfigLoaderTest
    assertEquals(accepted, present);
  }

  @TestFactory
  Stream<DynamicTest> removingAnyKeyChangesTheOutcome() throws IOException {
    Map<String, Object> data = everyKeyFile();
    ClusterConfig base = loadValid(data);
    return ConfigKeys.all().keySet().stream()
        .filter(k -> !k.equals("cluster.secretFile"))
        .map(key -> DynamicTest.dynamicTest(key, () -> {
          Object mutated = without(copy(data), List.of(key.replace("[]", "").split("\\.")), 0);
          LoadResult r = loader.parse(dump(mutated), "every-key.yaml");
          if (r.isValid()) {
            assertNotEquals(normalized(base), normalized(r.config().orElseThrow()),
                "removing " + key + " changed nothing: the parser ignores it or the file sets its default");
          } else {
            assertFalse(r.problems().isEmpty());
          }
        }));
  }

  private ClusterConfig loadValid(Object data) {
    LoadResult r = loader.parse(dump(data), "every-key.yaml");
    assertEquals(List.of(), r.problems());
    return r.config().orElseThrow();
  }

  private static ClusterConfig normalized(ClusterConfig c) {
    return new ClusterConfig(c.name(), c.secret(), c.servers(), c.heartbeat(), c.np(), c.management(), c.aws(),
        c.groups(), c.monitors(), "");
  }

  private static String dump(Object data) {
    return new Dump(DumpSettings.builder().build()).dumpToString(data);
  }

  /** Documented paths of every key in the data, list items as {@code []}. */
  private static void collect(Object node, String path, Set<String> out) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        String p = path.isEmpty() ? String.valueOf(k) : path + "." + k;
        out.add(p);
        // params and per-server overrides are free-form; their inner keys are the type's business
        if (!p.endsWith(".params") && !p.endsWith(".servers") || p.equals("servers")) {
          collect(v, p, out);
        }
      });
    } else if (node instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
      list.forEach(item -> collect(item, path + "[]", out));
    }
  }

  /** Removes the key at {@code names[i..]} from every list item along the way. */
  private static Object without(Object node, List<String> names, int i) {
    if (node instanceof List<?> list) {
      return list.stream().map(item -> without(item, names, i)).collect(Collectors.toList());
    }
    if (!(node instanceof Map<?, ?> map)) {
      return node;
    }
    Map<Object, Object> out = new LinkedHashMap<>(map);
    if (i == names.size() - 1) {
      out.remove(names.get(i));
    } else if (out.containsKey(names.get(i))) {
      out.put(names.get(i), without(out.get(names.get(i)), names, i + 1));
    }
    return out;
  }

  private static Object copy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, copy(v)));
      return out;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(EveryKeyTest::copy).collect(Collectors.toList());
    }
    return node;
  }
}
