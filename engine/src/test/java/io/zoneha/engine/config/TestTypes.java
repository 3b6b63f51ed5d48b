package io.zoneha.engine.config;

import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.MonitorContext;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorType;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.engine.spi.ResourceType;
import io.zoneha.engine.spi.TypeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Small stand-ins for the real resource and monitor types (which live in other modules): they
 * check a few params the way real types do, so the loader's handling of type validation is tested.
 */
final class TestTypes {
  private TestTypes() {}

  /** exec and vip resources, pidw / vipw / azw monitors, with real-looking param rules. */
  static TypeRegistry strict() {
    return new TypeRegistry(
        List.of(
            resource("exec", p -> required(p, "start"), r -> List.of()),
            resource("vip", TestTypes::vipParams, r -> List.of(MonitorConfig.watching("vipw-" + r.name(), "vipw", r,
                Map.of("resource", r.name()))))),
        List.of(
            monitor("pidw", p -> required(p, "pidFile")),
            monitor("vipw", p -> required(p, "resource")),
            monitor("azw", p -> required(p, "availabilityZone"))));
  }

  /** Accepts every type the sample configs use, with any params; AWS resources add their watcher. */
  static TypeRegistry permissive() {
    List<ResourceType> resources = new ArrayList<>();
    for (String t : List.of("exec", "md")) {
      resources.add(resource(t, p -> List.of(), r -> List.of()));
    }
    for (String t : List.of("awsvip", "awseip", "awsdns")) {
      resources.add(resource(t, p -> List.of(), r -> List.of(MonitorConfig.watching(t + "w-" + r.name(), t + "w", r,
          Map.of("resource", r.name())))));
    }
    List<MonitorType> monitors = new ArrayList<>();
    for (String t : List.of("pidw", "httpw", "customw", "awsazw", "awsvipw", "awseipw", "awsdnsw", "mdw", "mdnw")) {
      monitors.add(monitor(t, p -> List.of()));
    }
    return new TypeRegistry(resources, monitors);
  }

  private static List<FieldProblem> vipParams(Params p) {
    List<FieldProblem> out = new ArrayList<>(required(p, "vip"));
    if (!p.string("eniId", "").startsWith("eni-")) {
      out.add(new FieldProblem("eniId", "expected an ENI ID such as eni-0123abcd"));
    }
    // a type may use the Params accessors, which throw ConfigException on a bad value
    p.integer("weight", 1);
    return out;
  }

  private static List<FieldProblem> required(Params p, String key) {
    return p.has(key) ? List.of() : List.of(new FieldProblem(key, "required"));
  }

  static ResourceType resource(String type, Function<Params, List<FieldProblem>> validate,
      Function<ResourceConfig, List<MonitorConfig>> auto) {
    return new ResourceType() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public List<FieldProblem> validate(Params params) {
        return validate.apply(params);
      }

      @Override
      public ResourceDriver create(ResourceContext context) {
        throw new UnsupportedOperationException("test type");
      }

      @Override
      public List<MonitorConfig> autoMonitors(ResourceConfig resource) {
        return auto.apply(resource);
      }
    };
  }

  static MonitorType monitor(String type, Function<Params, List<FieldProblem>> validate) {
    return new MonitorType() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public List<FieldProblem> validate(Params params) {
        return validate.apply(params);
      }

      @Override
      public MonitorDriver create(MonitorContext context) {
        throw new UnsupportedOperationException("test type");
      }
    };
  }
}
