package io.zoneha.monitors.basic;

import static io.zoneha.resources.exec.ProcessTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.engine.spi.NodeServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** pidw against a real process of this test. */
@ExtendWith(VertxExtension.class)
class PidMonitorTest {
  @TempDir Path dir;
  private Process sleeper;

  @AfterEach
  void killSleeper() throws Exception {
    if (sleeper != null) {
      sleeper.destroyForcibly();
      sleeper.onExit().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void normalWhileTheProcessRunsErrorOnceItIsGone(Vertx vertx) throws Exception {
    sleeper = new ProcessBuilder("sleep", "600").start();
    Path pidFile = dir.resolve("app.pid");
    Files.writeString(pidFile, sleeper.pid() + "\n");
    MonitorDriver pidw = driver(vertx, pidFile);

    assertEquals(MonitorResult.normal(), await(pidw.check()));

    sleeper.destroyForcibly();
    sleeper.onExit().get(10, TimeUnit.SECONDS);
    MonitorResult r = await(pidw.check());
    assertEquals(MonitorResult.Status.ERROR, r.status());
    assertEquals(MonitorErrors.PROCESS_NOT_RUNNING, r.code());
    assertEquals("process " + sleeper.pid() + " (from " + pidFile + ") is not running", r.message());
  }

  @Test
  void garbagePidFileNamesFileAndByte(Vertx vertx) throws Exception {
    Path pidFile = dir.resolve("app.pid");
    Files.writeString(pidFile, "12x4\n");
    MonitorResult r = await(driver(vertx, pidFile).check());
    assertEquals(MonitorResult.error(MonitorErrors.PID_FILE_INVALID,
        "pid file " + pidFile + ": byte 3 is 0x78 ('x'), expected a digit"), r);
  }

  @Test
  void missingPidFile(Vertx vertx) throws Exception {
    Path pidFile = dir.resolve("none.pid");
    MonitorResult r = await(driver(vertx, pidFile).check());
    assertEquals(MonitorResult.error(MonitorErrors.PID_FILE_INVALID,
        "pid file " + pidFile + ": does not exist"), r);
  }

  @Test
  void validation() {
    PidMonitorType t = new PidMonitorType();
    assertEquals("pidw", t.type());
    assertEquals(List.of("pidFile: required"), lines(t.validate(Params.of(Map.of(), "m"))));
    assertEquals(List.of("pidFile: must be an absolute path, not 'run/x.pid'"),
        lines(t.validate(Params.of(Map.of("pidFile", "run/x.pid"), "m"))));
    assertEquals(List.of(), lines(t.validate(Params.of(Map.of("pidFile", "/run/x.pid"), "m"))));
  }

  private MonitorDriver driver(Vertx vertx, Path pidFile) {
    return new PidMonitorType().create(MonitorTestSupport.context(vertx, "pidw", Duration.ofSeconds(5),
        Map.of("pidFile", pidFile.toString()), dir, new NodeServices()));
  }

  static List<String> lines(List<io.zoneha.engine.spi.FieldProblem> problems) {
    return problems.stream().map(p -> p.field() + ": " + p.message()).toList();
  }
}
