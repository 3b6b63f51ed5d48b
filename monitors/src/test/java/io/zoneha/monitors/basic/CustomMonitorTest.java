package io.zoneha.monitors.basic;

import static io.zoneha.resources.exec.ProcessTestSupport.await;
import static io.zoneha.resources.exec.ProcessTestSupport.dead;
import static io.zoneha.resources.exec.ProcessTestSupport.readPid;
import static io.zoneha.resources.exec.ProcessTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.engine.spi.NodeServices;
import io.zoneha.resources.exec.ProcessTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** customw with real scripts. */
@ExtendWith(VertxExtension.class)
class CustomMonitorTest {
  @TempDir Path dir;
  private final NodeServices services = new NodeServices();
  private final List<MonitorDriver> drivers = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (MonitorDriver d : drivers) {
      await(d.close());
    }
    ProcessTestSupport.killQuietly(dir.resolve("shell.pid"));
    ProcessTestSupport.killQuietly(dir.resolve("child.pid"));
    services.close();
  }

  @Test
  void exitZeroIsNormal(Vertx vertx) throws Exception {
    assertEquals(MonitorResult.normal(), await(driver(vertx, "test \"$ZONEHA_MONITOR\" = customw1", List.of()).check()));
  }

  @Test
  void listedExitCodeIsAWarning(Vertx vertx) throws Exception {
    MonitorResult r = await(driver(vertx, "echo 'disk 85% full'; exit 2", List.of(2, 3)).check());
    assertEquals(MonitorResult.warning(MonitorErrors.CUSTOM_SCRIPT, "script exited with warning code 2: disk 85% full"), r);
  }

  @Test
  void otherExitCodeIsAnErrorWithTheLastLine(Vertx vertx) throws Exception {
    MonitorResult r = await(driver(vertx, "echo checking; echo 'db not answering' >&2; exit 4", List.of(2)).check());
    assertEquals(MonitorResult.error(MonitorErrors.CUSTOM_SCRIPT, "script exited with code 4: db not answering"), r);
  }

  @Test
  void hangingScriptIsKilledWithItsChildren(Vertx vertx) throws Exception {
    Path shellPid = dir.resolve("shell.pid");
    Path childPid = dir.resolve("child.pid");
    MonitorDriver m = new CustomMonitorType().create(MonitorTestSupport.context(vertx, "customw",
        Duration.ofMillis(600), Map.of("script", "echo $$ > '" + shellPid + "'; sleep 600 & echo $! > '"
            + childPid + "'; wait"), dir, services));
    drivers.add(m);
    MonitorResult r = await(m.check());
    long shell = readPid(shellPid);
    long child = readPid(childPid);
    assertEquals(MonitorResult.Status.ERROR, r.status());
    assertEquals(MonitorErrors.CUSTOM_SCRIPT, r.code());
    assertEquals("script not finished within 600ms; killed its process group " + shell, r.message());
    waitUntil("shell and child dead", Duration.ofSeconds(5), () -> dead(shell) && dead(child));
  }

  @Test
  void validationNamesTheField() {
    CustomMonitorType t = new CustomMonitorType();
    assertEquals("customw", t.type());
    assertEquals(List.of("script: required", "warnExitCodes[1]: must be a whole number from 1 to 255, not '0'"),
        PidMonitorTest.lines(t.validate(Params.of(Map.of("warnExitCodes", List.of(2, 0)), "m"))));
    assertTrue(PidMonitorTest.lines(t.validate(Params.of(Map.of("script", "x", "warnExitCodes", "2"), "m")))
        .contains("warnExitCodes: must be a list of exit codes, e.g. [2, 3]"));
  }

  private MonitorDriver driver(Vertx vertx, String script, List<Integer> warn) {
    MonitorDriver d = new CustomMonitorType().create(MonitorTestSupport.context(vertx, "customw",
        Duration.ofSeconds(20), Map.of("script", script, "warnExitCodes", warn), dir, services));
    drivers.add(d);
    return d;
  }
}
