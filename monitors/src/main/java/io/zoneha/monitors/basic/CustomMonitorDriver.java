package io.zoneha.monitors.basic;

import io.vertx.core.Future;
import io.zoneha.engine.config.Durations;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.spi.MonitorContext;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.resources.exec.ProcessRunner;
import io.zoneha.resources.exec.ScriptOutput;
import io.zoneha.resources.exec.ScriptResult;
import io.zoneha.resources.exec.ScriptRunner;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the monitor's script at each check: exit 0 is normal, a code listed in warnExitCodes a
 * warning, anything else an error quoting the code and the script's last output line. The
 * script gets the monitor's own timeout: the scheduler gives up on the check at that moment, and
 * this driver kills the script's process group at the same moment so no check outlives it.
 * Output lines are logged at debug level (a check runs every few seconds).
 */
public final class CustomMonitorDriver implements MonitorDriver {
  private final String monitor;
  private final String server;
  private final CustomParams params;
  private final Duration timeout;
  private final ScriptRunner scripts;
  private final Logger log;

  public CustomMonitorDriver(MonitorContext ctx, CustomParams params, ProcessRunner processes) {
    this.monitor = ctx.monitor().name();
    this.server = ctx.server();
    this.params = params;
    Duration t = ctx.monitor().timeout();
    this.timeout = t == null ? MonitorConfig.DEFAULT_TIMEOUT : t;
    this.scripts = new ScriptRunner(ctx.vertx(), processes);
    this.log = LoggerFactory.getLogger("zoneha.monitor." + monitor);
  }

  @Override
  public Future<MonitorResult> check() {
    Map<String, String> env = Map.of("ZONEHA_MONITOR", monitor, "ZONEHA_SERVER", server == null ? "" : server,
        "ZONEHA_ACTION", "check");
    ScriptOutput output = new ScriptOutput(line -> log.debug("[check] {}", line));
    return scripts.run(params.script(), env, timeout, output)
        .map(this::judge)
        .otherwise(t -> MonitorResult.error(MonitorErrors.CUSTOM_SCRIPT,
            "cannot start the script: " + t.getMessage()));
  }

  private MonitorResult judge(ScriptResult r) {
    String last = r.lastLine().isEmpty() ? "" : ": " + r.lastLine();
    return switch (r.ending()) {
      case TIMED_OUT -> MonitorResult.error(MonitorErrors.CUSTOM_SCRIPT, "script not finished within "
          + Durations.format(timeout) + "; killed its process group " + r.pid());
      case KILLED_ON_CLOSE -> MonitorResult.error(MonitorErrors.CUSTOM_SCRIPT,
          "script killed: the monitor was closed");
      case EXITED -> {
        if (r.exitCode() == 0) {
          yield MonitorResult.normal();
        }
        if (params.warnExitCodes().contains(r.exitCode())) {
          yield MonitorResult.warning(MonitorErrors.CUSTOM_SCRIPT,
              "script exited with warning code " + r.exitCode() + last);
        }
        yield MonitorResult.error(MonitorErrors.CUSTOM_SCRIPT, "script exited with code " + r.exitCode() + last);
      }
    };
  }

  @Override
  public Future<Void> close() {
    return scripts.killAll();
  }
}
