package io.zoneha.node;

import io.zoneha.engine.config.ConfigProblem;
import io.zoneha.engine.config.LoadResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", description = "Check a cluster.yaml; exit 0 when valid, 2 with one line per problem.")
final class ValidateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--config", description = "cluster.yaml to check", defaultValue = "/etc/zoneha/cluster.yaml")
  Path config;

  @Override
  public Integer call() {
    LoadResult r = ConfigFiles.load(config);
    for (ConfigProblem p : r.problems()) {
      spec.commandLine().getErr().println(p);
    }
    if (r.config().isPresent()) {
      spec.commandLine().getOut().println(config + ": valid (cluster " + r.config().get().name()
          + ", fingerprint " + r.config().get().fingerprint() + ")");
      return 0;
    }
    return 2;
  }
}
