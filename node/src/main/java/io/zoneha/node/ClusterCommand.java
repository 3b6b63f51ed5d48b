package io.zoneha.node;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "cluster", description = "Cluster-wide operations: stop.")
final class ClusterCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ApiClient api;

  @Parameters(index = "0", description = "stop")
  String op;

  @Override
  public Integer call() {
    if (!op.equals("stop")) {
      throw new Main.UsageError("operation must be stop, not '" + op + "'");
    }
    return Answers.print(spec, api.post("/api/v1/cluster/stop", new JsonObject()));
  }
}
