package io.zoneha.engine.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/** The resource and monitor types known to this build, by their {@code type:} name. */
public final class TypeRegistry {
  private final Map<String, ResourceType> resources;
  private final Map<String, MonitorType> monitors;

  public TypeRegistry(List<ResourceType> resources, List<MonitorType> monitors) {
    this.resources = index(resources, ResourceType::type);
    this.monitors = index(monitors, MonitorType::type);
  }

  /** Every type on the class path (META-INF/services). */
  public static TypeRegistry load() {
    return new TypeRegistry(
        ServiceLoader.load(ResourceType.class).stream().map(ServiceLoader.Provider::get).toList(),
        ServiceLoader.load(MonitorType.class).stream().map(ServiceLoader.Provider::get).toList());
  }

  public Optional<ResourceType> resource(String type) {
    return Optional.ofNullable(resources.get(type));
  }

  public Optional<MonitorType> monitor(String type) {
    return Optional.ofNullable(monitors.get(type));
  }

  public List<String> resourceTypes() {
    return List.copyOf(resources.keySet());
  }

  public List<String> monitorTypes() {
    return List.copyOf(monitors.keySet());
  }

  private static <T> Map<String, T> index(List<T> types, Function<T, String> name) {
    Map<String, T> m = new TreeMap<>();
    for (T t : types) {
      if (m.put(name.apply(t), t) != null) {
        throw new IllegalStateException("two implementations of type " + name.apply(t));
      }
    }
    return Map.copyOf(m);
  }
}
