package io.zoneha.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/configuration.md in sync with the code: its key table lists exactly the keys the
 * loader accepts with the defaults it applies, and its annotated example is a valid file.
 */
class ConfigDocTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.*?) \\| .+ \\|$");

  static Map<String, String> documentedKeys() throws IOException {
    String doc = Files.readString(DOC);
    int begin = doc.indexOf("<!-- keys:begin -->");
    int end = doc.indexOf("<!-- keys:end -->");
    assertTrue(begin >= 0 && end > begin, "key table markers missing in " + DOC);
    Map<String, String> keys = new LinkedHashMap<>();
    for (String line : doc.substring(begin, end).split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        assertEquals(null, keys.put(m.group(1), m.group(2)), "key listed twice: " + m.group(1));
      }
    }
    return keys;
  }

  @Test
  void keyTableListsExactlyTheAcceptedKeysWithTheirDefaults() throws IOException {
    Map<String, String> documented = documentedKeys();
    Map<String, String> accepted = ConfigKeys.all();
    assertEquals(String.join("\n", accepted.keySet()), String.join("\n", documented.keySet()),
        "keys in the doc table (left: accepted by the loader, right: documented)");
    accepted.forEach((key, dflt) -> assertEquals(dflt, documented.get(key), "default of " + key));
  }

  /** The defaults the doc shows are the values the loader really fills in. */
  @Test
  void documentedDefaultsAreWhatTheLoaderApplies() throws IOException {
    LoadResult r = new ConfigLoader(TestTypes.strict()).parse("""
        cluster: {name: d, secret: 0123456789abcdef}
        servers:
          - {name: node1, interconnects: [10.0.0.1]}
          - {name: node2, interconnects: [10.0.0.2]}
        np: [{type: http, target: a.example}, {type: http, target: b.example, ssl: true}, {type: witness, target: w.example}]
        groups:
          - name: g
            resources: [{name: r, type: exec, params: {start: x}}]
        monitors:
          - {name: m, type: pidw, params: {pidFile: /x}}
        """, "defaults.yaml");
    ClusterConfig c = r.config().orElseThrow(() -> new AssertionError(r.problems()));
    ServerConfig s = c.servers().get(0);
    GroupConfig g = c.groups().get(0);
    ResourceConfig res = g.resources().get(0);
    MonitorConfig m = c.monitors().get(0);
    NpTarget.Http http = (NpTarget.Http) c.np().get(0);
    NpTarget.Http https = (NpTarget.Http) c.np().get(1);
    NpTarget.Witness witness = (NpTarget.Witness) c.np().get(2);
    Map<String, String> applied = new LinkedHashMap<>();
    applied.put("servers[].managementPort", String.valueOf(s.managementPort()));
    applied.put("servers[].busPort", String.valueOf(s.busPort()));
    applied.put("heartbeat.port", String.valueOf(c.heartbeat().port()));
    applied.put("heartbeat.interval", ConfigKeys.doc(c.heartbeat().interval()));
    applied.put("heartbeat.timeout", ConfigKeys.doc(c.heartbeat().timeout()));
    applied.put("heartbeat.startupWait", ConfigKeys.doc(c.heartbeat().startupWait()));
    applied.put("np[].port", "http: " + https.port() + " when ssl, else " + http.port() + "; witness: " + witness.port());
    applied.put("np[].ssl", String.valueOf(http.ssl()));
    applied.put("np[].path", http.path());
    applied.put("np[].timeout", ConfigKeys.doc(http.timeout()));
    applied.put("aws.callTimeout", ConfigKeys.doc(c.aws().callTimeout()));
    applied.put("aws.maxRetries", String.valueOf(c.aws().maxRetries()));
    applied.put("groups[].autoStart", String.valueOf(g.autoStart()));
    applied.put("groups[].autoFailback", String.valueOf(g.autoFailback()));
    applied.put("groups[].resources[].activation.retries", String.valueOf(res.activation().retries()));
    applied.put("groups[].resources[].activation.failovers", String.valueOf(res.activation().failovers()));
    applied.put("groups[].resources[].activation.finalAction", res.activation().finalAction().yamlName());
    applied.put("groups[].resources[].deactivation.retries", String.valueOf(res.deactivation().retries()));
    applied.put("groups[].resources[].deactivation.finalAction", res.deactivation().finalAction().yamlName());
    applied.put("monitors[].interval", ConfigKeys.doc(m.interval()));
    applied.put("monitors[].timeout", ConfigKeys.doc(m.timeout()));
    applied.put("monitors[].retries", String.valueOf(m.retries()));
    applied.put("monitors[].startWait", ConfigKeys.doc(m.startWait()));
    applied.put("monitors[].when", m.when().yamlName());
    applied.put("monitors[].recovery.failovers", String.valueOf(m.recovery().failovers()));
    applied.put("monitors[].recovery.finalAction", m.recovery().finalAction().yamlName());
    Map<String, String> documented = documentedKeys();
    applied.forEach((key, value) -> assertEquals(value, documented.get(key), "documented default of " + key));
  }

  @Test
  void annotatedExampleIsValid(@TempDir Path dir) throws IOException {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("## Annotated example");
    int open = doc.indexOf("```yaml\n", start);
    int close = doc.indexOf("```", open + 8);
    assertTrue(start >= 0 && open > start && close > open, "annotated example not found");
    String example = doc.substring(open + 8, close);
    // the example points at the real secret file; give it one in a temporary directory
    Path secret = dir.resolve("secret");
    Files.writeString(secret, "0123456789abcdef0123\n");
    assertTrue(example.contains("secretFile: /etc/zoneha/secret"));
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(file, example.replace("/etc/zoneha/secret", secret.toString()));
    LoadResult r = new ConfigLoader(TestTypes.permissive()).load(file);
    assertEquals(List.of(), r.problems());
    assertTrue(r.config().orElseThrow().monitor("awsvipw-awsvip1").isPresent());
  }
}
