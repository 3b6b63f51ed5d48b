package io.zoneha.mirror.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.config.ConfigLoader;
import io.zoneha.engine.config.ConfigProblem;
import io.zoneha.engine.config.LoadResult;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.TypeRegistry;
import io.zoneha.mirror.protocol.InitialCopy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MdParamsTest {
  private static Map<String, Object> base() {
    Map<String, Object> m = new HashMap<>();
    m.put("dataPath", "/var/lib/zoneha/data.img");
    m.put("clusterPath", "/var/lib/zoneha/cluster.img");
    m.put("size", "64M");
    return m;
  }

  private static MdParams parse(Map<String, Object> m) {
    MdParams.Parsed p = MdParams.parse(Params.of(m, "md1"), "md1");
    assertEquals(List.of(), p.problems());
    return p.params();
  }

  @Test
  void initialCopyIsSeenFromEachServer() {
    Map<String, Object> m = base();
    assertEquals(InitialCopy.UNSET, parse(m).initialCopyFor("node1", "node2"));
    m.put("initialCopy", "node1");
    MdParams p = parse(m);
    assertEquals(InitialCopy.LOCAL, p.initialCopyFor("node1", "node2"));
    assertEquals(InitialCopy.PEER, p.initialCopyFor("node2", "node1"));
    m.put("initialCopy", "skip");
    assertEquals(InitialCopy.SKIP, parse(m).initialCopyFor("node2", "node1"));
    m.put("initialCopy", "node9");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parse(m).initialCopyFor("node1", "node2"));
    assertTrue(e.getMessage().startsWith("initialCopy: 'node9'"), e.getMessage());
  }

  @Test
  void sizeMayBeLeftOutAndIsThenTheDevicesSize(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    Map<String, Object> m = base();
    m.remove("size");
    java.nio.file.Path data = dir.resolve("data.img");
    m.put("dataPath", data.toString());
    MdParams p = parse(m);
    assertEquals(MdParams.DETECT_SIZE, p.size());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> p.resolveSize(new io.zoneha.mirror.storage.DeviceSize()));
    assertTrue(missing.getMessage().startsWith("size: required when dataPath " + data), missing.getMessage());
    java.nio.file.Files.write(data, new byte[3 << 20]);
    assertEquals(3L << 20, p.resolveSize(new io.zoneha.mirror.storage.DeviceSize()));
    m.put("size", "1M");
    assertEquals(1L << 20, parse(m).resolveSize(new io.zoneha.mirror.storage.DeviceSize()));
    m.put("size", "1000");
    assertEquals("size", MdParams.parse(Params.of(m, "md1"), "md1").problems().get(0).field());
  }

  @Test
  void unknownServerIsAProblemNamingTheField() {
    Map<String, Object> m = base();
    m.put("initialCopy", "node9");
    List<FieldProblem> problems = new MdResourceType().validate(Params.of(m, "md1"), List.of("node1", "node2"));
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("initialCopy", problems.get(0).field());
    assertTrue(problems.get(0).message().contains("node9") && problems.get(0).message().contains("node1, node2"));
    m.put("initialCopy", " ");
    assertEquals("initialCopy", MdParams.parse(Params.of(m, "md1"), "md1").problems().get(0).field());
    m.put("initialCopy", "node2");
    assertEquals(List.of(), new MdResourceType().validate(Params.of(m, "md1"), List.of("node1", "node2")));
  }

  /** The config loader reports the field with its full path. */
  @Test
  void configValidationNamesTheFieldPath() {
    String yaml = """
        cluster: {name: c, secret: 0123456789abcdef}
        servers:
          - {name: node1, interconnects: [10.0.0.1]}
          - {name: node2, interconnects: [10.0.0.2]}
        groups:
          - name: g
            resources:
              - name: data1
                type: md
                params: {dataPath: /d, clusterPath: /c, size: 64M, initialCopy: nod1}
        """;
    LoadResult r = new ConfigLoader(TypeRegistry.load()).parse(yaml, "c.yaml");
    List<String> paths = r.problems().stream().map(ConfigProblem::path).toList();
    assertTrue(paths.contains("groups[0].resources[0].params.initialCopy"), r.problems().toString());
  }
}
