package io.zoneha.web;

import io.zoneha.engine.config.ConfigLoader;
import io.zoneha.engine.config.LoadResult;
import io.zoneha.engine.spi.TypeRegistry;
import java.util.List;

/** The validators the management API can use. */
public final class ConfigChecks {
  private ConfigChecks() {}

  /** The CLI's validator: ConfigLoader with every resource and monitor type on the class path. */
  public static ConfigCheck loader() {
    return loader(TypeRegistry.load());
  }

  public static ConfigCheck loader(TypeRegistry registry) {
    ConfigLoader loader = new ConfigLoader(registry);
    return text -> {
      LoadResult r = loader.parse(text, "upload");
      return new ConfigCheck.Outcome(
          r.problems().stream().map(p -> new ConfigCheck.Problem(p.path(), p.message())).toList(),
          r.config().map(c -> c.name()).orElse(null), r.config().map(c -> c.fingerprint()).orElse(null),
          r.config().map(c -> c.servers().stream().map(s -> s.name()).toList()).orElse(List.of()),
          r.config().orElse(null));
    };
  }
}
