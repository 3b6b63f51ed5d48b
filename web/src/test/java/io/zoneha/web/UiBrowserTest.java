package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The UI's static files in Debian's chromium with the API and the WebSocket mocked
 * (web/e2e/banners.test.mjs): banners for isolation, split brain and a stale mirror, error code
 * meanings, live updates, and the confirmed move request with its CSRF header. The end-to-end run
 * against real nodes is node's WebUiE2eTest.
 */
class UiBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path E2E = Path.of("e2e").toAbsolutePath();

  @Test
  void bannersErrorCodesLiveUpdatesAndConfirmedActions() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium at " + CHROMIUM);
    Assumptions.assumeTrue(Files.isDirectory(E2E.resolve("node_modules/playwright-core")), "needs `npm ci` in " + E2E);
    ProcessBuilder pb = new ProcessBuilder("node", "banners.test.mjs").directory(E2E.toFile()).redirectErrorStream(true);
    pb.environment().put("ZONEHA_WEBROOT", Path.of("src/main/resources/webroot").toAbsolutePath().toString());
    pb.environment().put("ZONEHA_SCREENSHOTS", Path.of("target/e2e-screenshots").toAbsolutePath().toString());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      Assumptions.abort("needs node on PATH: " + e.getMessage());
      return;
    }
    try {
      p.getOutputStream().close();
      // a hung browser must not hang the build: kill the script after 90 s, ending the read below
      Process script = p;
      Thread watchdog = new Thread(() -> {
        try {
          if (!script.waitFor(90, TimeUnit.SECONDS)) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "ui-test-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(10, TimeUnit.SECONDS), "script finished");
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("UI PASS"), out);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
