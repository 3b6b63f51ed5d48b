package io.zoneha.mirror;

import io.zoneha.mirror.replication.MirrorSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Where one copy lives and how it reaches its peer. {@code initiator}: this side dials the peer
 * (exactly one side of a pair should); both sides always listen.
 */
public record MirrorDiskConfig(
    String name,
    Path dataPath,
    Path clusterPath,
    MirrorSettings settings,
    InetSocketAddress listen,
    InetSocketAddress peer,
    boolean initiator) {

  public MirrorDiskConfig {
    settings.validate();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name: required");
    }
    if (dataPath.equals(clusterPath)) {
      throw new IllegalArgumentException("clusterPath: must differ from dataPath " + dataPath);
    }
  }
}
