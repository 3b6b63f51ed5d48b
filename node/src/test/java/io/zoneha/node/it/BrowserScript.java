package io.zoneha.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zoneha.web.ManagementAuth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A browser script of web/e2e (playwright-core driving Debian's chromium) run against real node
 * JVMs: what it needs, the users it logs in as, its environment and its output.
 */
final class BrowserScript {
  static final Path E2E = Path.of("..", "web", "e2e").toAbsolutePath().normalize();
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /** What the script does with one line it printed; it may answer on the script's stdin. */
  interface LineHandler {
    void line(String line, Writer stdin) throws Exception;
  }

  private BrowserScript() {}

  /** Skips the test when chromium, playwright-core or node is missing. */
  static void assumeBrowser() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium at " + CHROMIUM);
    Assumptions.assumeTrue(Files.isDirectory(E2E.resolve("node_modules/playwright-core")), "needs `npm ci` in " + E2E);
    Assumptions.assumeTrue(onPath("node"), "needs node on PATH");
  }

  static Path screenshots() {
    return Path.of("target", "e2e-screenshots").toAbsolutePath();
  }

  /** The management section with an operator "oper" and a viewer "viewer". */
  static String users(String operatorPassword, String viewerPassword) {
    return "management:\n  users:\n"
        + "    - {name: oper, role: operator, passwordHash: \"" + hash(operatorPassword) + "\"}\n"
        + "    - {name: viewer, role: viewer, passwordHash: \"" + hash(viewerPassword) + "\"}\n";
  }

  private static String hash(String password) {
    return ManagementAuth.PasswordHash.hash(password, ("salt-" + password).getBytes(StandardCharsets.UTF_8), 20_000);
  }

  /**
   * Runs {@code script} against the UI at {@code url} as "oper" and "viewer"; every output line is
   * echoed with {@code tag} and handed to {@code onLine}. Asserts exit code 0; kills the script
   * and its children after {@code max} or on failure. Returns the output lines.
   */
  static List<String> run(String script, String url, String operatorPassword, String viewerPassword,
      Map<String, String> env, Duration max, String tag, LineHandler onLine) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("node", script).directory(E2E.toFile()).redirectErrorStream(true);
    pb.environment().put("ZONEHA_URL", url);
    pb.environment().put("ZONEHA_OPERATOR", "oper:" + operatorPassword);
    pb.environment().put("ZONEHA_VIEWER", "viewer:" + viewerPassword);
    pb.environment().put("ZONEHA_SCREENSHOTS", screenshots().toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      Thread watchdog = new Thread(() -> {
        try {
          if (!p.waitFor(max.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
        }
      }, tag + "-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      String line;
      while ((line = r.readLine()) != null) {
        System.out.println("[" + tag + "] " + line);
        lines.add(line);
        onLine.line(line, w);
      }
      assertEquals(0, p.waitFor(), "script exit code; output:\n" + String.join("\n", lines));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    return lines;
  }

  private static boolean onPath(String program) {
    try {
      Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
