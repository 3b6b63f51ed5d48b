package io.zoneha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs one of the scripts in web/e2e with node and checks that it exits 0 printing its pass line.
 * The tests are skipped (not failed) on a machine without node, chromium or `npm ci` in web/e2e.
 */
final class NodeScript {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path E2E = Path.of("e2e").toAbsolutePath();
  private static final long MAX_SECONDS = 90;

  private NodeScript() {}

  static void assumeBrowser() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium at " + CHROMIUM);
    Assumptions.assumeTrue(Files.isDirectory(E2E.resolve("node_modules/playwright-core")), "needs `npm ci` in " + E2E);
  }

  /** Runs {@code node args...} in web/e2e with the webroot and screenshot directory set; returns its output. */
  static String run(String passLine, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("node"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(E2E.toFile()).redirectErrorStream(true);
    pb.environment().put("ZONEHA_WEBROOT", Path.of("src/main/resources/webroot").toAbsolutePath().toString());
    pb.environment().put("ZONEHA_SCREENSHOTS", Path.of("target/e2e-screenshots").toAbsolutePath().toString());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      Assumptions.abort("needs node on PATH: " + e.getMessage());
      return "";
    }
    try {
      p.getOutputStream().close();
      // a hung browser must not hang the build: kill the script after a while, ending the read below
      Thread watchdog = new Thread(() -> {
        try {
          if (!p.waitFor(MAX_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "node-script-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(10, TimeUnit.SECONDS), "script finished");
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains(passLine), out);
      return out;
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
