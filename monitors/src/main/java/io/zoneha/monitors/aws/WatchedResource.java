package io.zoneha.monitors.aws;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.spi.MonitorContext;

/** Finds the resource a monitor watches ({@code resource:} param) and its fields for this server. */
final class WatchedResource {
  private WatchedResource() {}

  static Params paramsFor(MonitorContext ctx, String expectedType) {
    String name = ctx.params().optString("resource").orElse(ctx.monitor().target());
    if (name == null) {
      throw new IllegalArgumentException(ctx.monitor().name() + ".resource: required");
    }
    ResourceConfig r = ctx.cluster().groups().stream().flatMap(g -> g.resources().stream())
        .filter(x -> x.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(ctx.monitor().name() + ".resource: no resource named '"
            + name + "'"));
    if (!r.type().equals(expectedType)) {
      throw new IllegalArgumentException(ctx.monitor().name() + ".resource: '" + name + "' is a "
          + r.type() + ", not an " + expectedType);
    }
    return r.paramsFor(ctx.server());
  }
}
