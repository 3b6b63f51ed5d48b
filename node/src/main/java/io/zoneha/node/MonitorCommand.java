package io.zoneha.node;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "monitor", description = "Suspend or resume a monitor on every server.")
final class MonitorCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ApiClient api;

  @Parameters(index = "0", description = "suspend | resume")
  String op;

  @Parameters(index = "1", description = "monitor name")
  String monitor;

  @Override
  public Integer call() {
    if (!op.equals("suspend") && !op.equals("resume")) {
      throw new Main.UsageError("operation must be suspend or resume, not '" + op + "'");
    }
    return Answers.print(spec, api.post("/api/v1/monitors/" + monitor + "/" + op, new JsonObject()));
  }
}
