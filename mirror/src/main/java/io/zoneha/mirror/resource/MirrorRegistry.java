package io.zoneha.mirror.resource;

import io.zoneha.mirror.MirrorDisk;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The mirror disks open on this node, by md resource name; shared through NodeServices. */
public final class MirrorRegistry implements AutoCloseable {
  private final Map<String, MirrorDisk> disks = new ConcurrentHashMap<>();

  public void put(String resource, MirrorDisk disk) {
    disks.put(resource, disk);
  }

  public void remove(String resource, MirrorDisk disk) {
    disks.remove(resource, disk);
  }

  public Optional<MirrorDisk> get(String resource) {
    return Optional.ofNullable(disks.get(resource));
  }

  public Map<String, MirrorDisk> all() {
    return Map.copyOf(disks);
  }

  @Override
  public void close() {
    disks.values().forEach(MirrorDisk::close);
    disks.clear();
  }
}
