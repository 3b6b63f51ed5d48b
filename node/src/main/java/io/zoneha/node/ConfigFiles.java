package io.zoneha.node;

import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ConfigLoader;
import io.zoneha.engine.config.ConfigProblem;
import io.zoneha.engine.config.LoadResult;
import io.zoneha.engine.spi.TypeRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads cluster.yaml with every resource and monitor type of this build. */
final class ConfigFiles {
  static final Path DEFAULT = Path.of("/etc/zoneha/cluster.yaml");

  private ConfigFiles() {}

  static LoadResult load(Path file) {
    return new ConfigLoader(TypeRegistry.load()).load(file);
  }

  /** The valid config, or a usage error after printing one line per problem. */
  static ClusterConfig require(Path file, PrintWriter err) {
    LoadResult r = load(file);
    for (ConfigProblem p : r.problems()) {
      err.println(p);
    }
    err.flush();
    return r.config().orElseThrow(() -> new Main.UsageError(file + ": " + r.problems().size() + " problem(s)"));
  }
}
