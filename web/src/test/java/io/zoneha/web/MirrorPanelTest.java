package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Mirrors panel of the operation mode. Its model (webroot/mirrorview.js: states, link colour,
 * progress from the resync's source, recover effect, verify verdict) under node's test runner; the
 * panel itself in chromium with the API and stream mocked (web/e2e/mirrors.test.mjs): progress
 * bar, split brain, async lag, verify verdicts, an error naming server and code, the recover
 * dialog, live updates keeping the focus, no buttons for a viewer. The run against two real nodes
 * is node's MirrorUiE2eTest.
 */
class MirrorPanelTest {
  @Test
  void modelUnderNodesTestRunner() throws Exception {
    String out = NodeScript.run("# fail 0", "--test", "mirrorview.test.mjs");
    assertTrue(out.matches("(?s).*# pass [1-9].*"), out);
  }

  @Test
  void panelInChromiumWithTheApiMocked() throws Exception {
    NodeScript.assumeBrowser();
    NodeScript.run("MIRRORS PASS", "mirrors.test.mjs");
    assertTrue(Files.exists(Path.of("target/e2e-screenshots/ui-mirrors.png")));
  }
}
