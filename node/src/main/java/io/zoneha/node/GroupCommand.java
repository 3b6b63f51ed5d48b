package io.zoneha.node;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "group", description = "Start, stop or move a failover group.")
final class GroupCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ApiClient api;

  @Parameters(index = "0", description = "start | stop | move")
  String op;

  @Parameters(index = "1", description = "group name")
  String group;

  @Option(names = "--to", description = "target server (required for move; optional for start)")
  String to;

  @Override
  public Integer call() {
    if (!op.equals("start") && !op.equals("stop") && !op.equals("move")) {
      throw new Main.UsageError("operation must be start, stop or move, not '" + op + "'");
    }
    if (op.equals("move") && to == null) {
      throw new Main.UsageError("--to: required for move");
    }
    ApiClient.Answer a = api.post("/api/v1/groups/" + group + "/" + op, new JsonObject().put("server", to));
    return Answers.print(spec, a);
  }
}
