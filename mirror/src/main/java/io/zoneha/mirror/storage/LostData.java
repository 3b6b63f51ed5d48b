package io.zoneha.mirror.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards against a data partition that is not there. ZoneHA creates a missing data file, which
 * is right for a new mirror but would silently replace mirrored data with zeros if the file was
 * lost (deleted, or a volume not mounted): the cluster partition would still claim the old
 * generation. Such a copy is treated as discarded instead; and a path under /dev is never
 * created (a device that is not attached yet must not become a file in devtmpfs).
 */
public final class LostData {
  private static final Logger LOG = LoggerFactory.getLogger(LostData.class);

  private LostData() {}

  /** Throws IllegalArgumentException naming {@code field} when a device path does not exist. */
  public static void refuseToCreateDevice(String field, Path path) {
    Path abs = path.toAbsolutePath().normalize();
    if (abs.startsWith("/dev") && !Files.exists(abs)) {
      throw new IllegalArgumentException(field + ": " + path + " does not exist (a device is never created; "
          + "is the volume attached?)");
    }
  }

  /**
   * The data file was just created: if the cluster partition names a generation, that data is
   * gone. The copy becomes blank and INCONSISTENT, like a copy discarded by the operator: it will
   * not become primary unless forced and takes a full copy from its peer.
   */
  public static void forgetGenerations(ClusterPartition meta, String name, Path dataPath) {
    Superblock sb = meta.superblock();
    if (sb.generations().isBlank()) {
      return;
    }
    LOG.warn("mirror {}: dataPath {} was missing but the cluster partition records generation {}; the copy's data "
        + "is lost: it is marked inconsistent and takes a full copy from the peer", name, dataPath, sb.generations());
    meta.update(sb.withGenerations(Generations.blank()).withState(DiskState.INCONSISTENT)
        .withFlag(Superblock.FLAG_DATA_BLANK, false));
  }
}
