package io.zoneha.resources.exec;

import static io.zoneha.resources.exec.ProcessTestSupport.await;
import static io.zoneha.resources.exec.ProcessTestSupport.awaitFailure;
import static io.zoneha.resources.exec.ProcessTestSupport.dead;
import static io.zoneha.resources.exec.ProcessTestSupport.readPid;
import static io.zoneha.resources.exec.ProcessTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.NodeServices;
import io.zoneha.engine.spi.Reason;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.engine.spi.ResourceDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The exec resource with real /bin/sh processes. */
@ExtendWith(VertxExtension.class)
class ExecResourceTest {
  @TempDir Path dir;
  private final List<ResourceDriver> drivers = new ArrayList<>();
  private final NodeServices services = new NodeServices();

  @AfterEach
  void cleanUp(Vertx vertx) throws Exception {
    for (ResourceDriver d : drivers) {
      await(d.close());
    }
    for (String f : List.of("shell.pid", "child.pid", "orphan.pid")) {
      ProcessTestSupport.killQuietly(dir.resolve(f));
    }
    services.close();
  }

  @Test
  void startAndStopSeeTheirEnvironment(Vertx vertx) throws Exception {
    Path out = dir.resolve("env");
    ResourceDriver exec = driver(vertx, Map.of(
        "start", "env > \"$OUT_FILE.start\"",
        "stop", "env > \"$OUT_FILE.stop\"",
        "env", Map.of("OUT_FILE", out.toString(), "APP_MODE", "primary")));

    await(exec.activate(Reason.of("group start requested by admin")));
    await(exec.deactivate(Reason.of("group moved to node2")));

    Map<String, String> start = readEnv(Path.of(out + ".start"));
    assertEquals("failover1", start.get("ZONEHA_GROUP"));
    assertEquals("exec1", start.get("ZONEHA_RESOURCE"));
    assertEquals("node1", start.get("ZONEHA_SERVER"));
    assertEquals("group start requested by admin", start.get("ZONEHA_REASON"));
    assertEquals("start", start.get("ZONEHA_ACTION"));
    assertEquals("primary", start.get("APP_MODE"));
    assertTrue(start.containsKey("PATH"), "the node's own environment is inherited");
    Map<String, String> stop = readEnv(Path.of(out + ".stop"));
    assertEquals("stop", stop.get("ZONEHA_ACTION"));
    assertEquals("group moved to node2", stop.get("ZONEHA_REASON"));
  }

  @Test
  void activatingTwiceRunsStartTwice(Vertx vertx) throws Exception {
    Path count = dir.resolve("count");
    ResourceDriver exec = driver(vertx, Map.of("start", "echo run >> '" + count + "'"));
    await(exec.activate(Reason.of("first")));
    await(exec.activate(Reason.of("second")));
    assertEquals(List.of("run", "run"), Files.readAllLines(count));
  }

  @Test
  void deactivateWithoutStopScriptSucceeds(Vertx vertx) throws Exception {
    ResourceDriver exec = driver(vertx, Map.of("start", "true"));
    assertEquals(null, await(exec.deactivate(Reason.of("test"))));
  }

  @Test
  void failingStartReportsExitCodeAndLastLine(Vertx vertx) throws Exception {
    ResourceDriver exec = driver(vertx, Map.of("start", "echo preparing; echo 'port 8080 busy' >&2; exit 3"));
    ActionFailure f = assertInstanceOf(ActionFailure.class, awaitFailure(exec.activate(Reason.of("t"))));
    assertEquals(ExecErrors.START_FAILED, f.code());
    assertEquals(ActionFailure.Scope.RETRY_HERE, f.scope());
    assertTrue(f.getMessage().contains("failed with exit code 3"), f.getMessage());
    assertTrue(f.getMessage().contains("port 8080 busy"), f.getMessage());
  }

  @Test
  void failingStopHasItsOwnCode(Vertx vertx) throws Exception {
    ResourceDriver exec = driver(vertx, Map.of("start", "true", "stop", "exit 7"));
    ActionFailure f = assertInstanceOf(ActionFailure.class, awaitFailure(exec.deactivate(Reason.of("t"))));
    assertEquals(ExecErrors.STOP_FAILED, f.code());
    assertTrue(f.getMessage().contains("stop script of resource exec1 failed with exit code 7"), f.getMessage());
  }

  @Test
  void timeoutKillsTheWholeProcessTree(Vertx vertx) throws Exception {
    Path shellPid = dir.resolve("shell.pid");
    Path childPid = dir.resolve("child.pid");
    Path orphanPid = dir.resolve("orphan.pid");
    // the orphan's parent subshell exits at once: only the process-group kill can reach it
    ResourceDriver exec = driver(vertx, Map.of(
        "start", "echo $$ > '" + shellPid + "'; sleep 600 & echo $! > '" + childPid + "'; "
            + "(sleep 600 & echo $! > '" + orphanPid + "'); wait",
        "timeout", "700ms"));

    long started = System.nanoTime();
    ActionFailure f = assertInstanceOf(ActionFailure.class, awaitFailure(exec.activate(Reason.of("t"))));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertEquals(ExecErrors.NOT_COMPLETED, f.code());
    assertTrue(f.getMessage().contains("not completed within 700ms"), f.getMessage());
    assertTrue(tookMs >= 650 && tookMs < 10_000, "took " + tookMs + " ms");
    long shell = readPid(shellPid);
    long child = readPid(childPid);
    long orphan = readPid(orphanPid);
    waitUntil("shell " + shell + ", child " + child + ", orphan " + orphan + " dead",
        Duration.ofSeconds(5), () -> dead(shell) && dead(child) && dead(orphan));
  }

  @Test
  void backgroundProgramKeepingTheOutputOpenDoesNotHoldUpActivation(Vertx vertx) throws Exception {
    Path childPid = dir.resolve("child.pid");
    Path alive = dir.resolve("alive");
    // the daemon inherits the script's output and writes to it after the script has exited
    ResourceDriver exec = driver(vertx, Map.of("start",
        "sh -c 'echo daemon up; sleep 1; echo still here; touch \"" + alive + "\"; exec sleep 600' & echo $! > '" + childPid + "'"));
    long started = System.nanoTime();
    await(exec.activate(Reason.of("t")));
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertTrue(tookMs < 5_000, "took " + tookMs + " ms");
    long daemon = readPid(childPid);
    waitUntil("daemon wrote after the script ended", Duration.ofSeconds(10), () -> Files.exists(alive));
    assertFalse(dead(daemon), "the daemon survives writing to the inherited output");
  }

  @Test
  void closeKillsARunningScript(Vertx vertx) throws Exception {
    Path shellPid = dir.resolve("shell.pid");
    ResourceDriver exec = driver(vertx, Map.of("start", "echo $$ > '" + shellPid + "'; exec sleep 600"));
    var activation = exec.activate(Reason.of("t"));
    long shell = readPid(shellPid);
    assertFalse(dead(shell));
    await(exec.close());
    assertInstanceOf(ActionFailure.class, awaitFailure(activation));
    waitUntil("script " + shell + " dead", Duration.ofSeconds(5), () -> dead(shell));
  }

  @Test
  void launchFailureMeansThisServerCannotRunIt(Vertx vertx) throws Exception {
    services.put(ProcessRunner.class, (command, env, out) -> {
      throw new java.io.IOException("fork refused");
    });
    ResourceDriver exec = driver(vertx, Map.of("start", "true"));
    ActionFailure f = assertInstanceOf(ActionFailure.class, awaitFailure(exec.activate(Reason.of("t"))));
    assertEquals(ExecErrors.LAUNCH_FAILED, f.code());
    assertEquals(ActionFailure.Scope.FAIL_OVER, f.scope());
    assertEquals("cannot start the start script of resource exec1: fork refused", f.getMessage());
  }

  @Test
  void validationNamesTheField() {
    ExecResourceType type = new ExecResourceType();
    assertEquals("exec", type.type());
    var problems = type.validate(Params.of(Map.of("stop", "x", "timeout", "soon", "stopp", "y"), "exec1"));
    List<String> lines = problems.stream().map(p -> p.field() + ": " + p.message()).toList();
    assertTrue(lines.contains("start: required"), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("timeout: not a duration: 'soon'")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("stopp: unknown field")), lines.toString());
  }

  private ResourceDriver driver(Vertx vertx, Map<String, Object> params) {
    ResourceConfig rc = new ResourceConfig("exec1", "exec", List.of(),
        new ResourceConfig.Recovery(0, 1, FinalAction.NONE),
        new ResourceConfig.Recovery(0, 0, FinalAction.STOP_CLUSTER_SERVICE), params, Map.of());
    ResourceContext ctx = new ResourceContext(vertx, null, "node1", "failover1", rc,
        rc.paramsFor("node1"), dir, services);
    ExecResourceType type = new ExecResourceType();
    assertEquals(List.of(), type.validate(ctx.params()));
    ResourceDriver d = type.create(ctx);
    drivers.add(d);
    return d;
  }

  private static Map<String, String> readEnv(Path file) throws Exception {
    Map<String, String> m = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return m;
  }
}
