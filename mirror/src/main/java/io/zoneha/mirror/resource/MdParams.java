package io.zoneha.mirror.resource;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.mirror.protocol.InitialCopy;
import io.zoneha.mirror.replication.MirrorMode;
import io.zoneha.mirror.replication.MirrorSettings;
import io.zoneha.mirror.storage.DeviceSize;
import io.zoneha.mirror.storage.MirrorGeometry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The typed fields of an {@code md} resource as one server sees them, defaults next to the keys.
 * {@link #parse} collects every problem instead of stopping at the first.
 */
public record MdParams(
    Path dataPath,
    Path clusterPath,
    long size,
    int blockSize,
    int bitmapGranularity,
    MirrorMode mode,
    int mirrorPort,
    String nbdHost,
    int nbdPort,
    String exportName,
    List<String> commands,
    List<String> deactivateCommands,
    Duration commandTimeout,
    long resyncRate,
    String initialCopy) {

  public static final String DATA_PATH = "dataPath";
  public static final String CLUSTER_PATH = "clusterPath";
  public static final String SIZE = "size";
  public static final String BLOCK_SIZE = "blockSize";
  public static final int DEFAULT_BLOCK_SIZE = 4096;
  public static final String GRANULARITY = "bitmapGranularity";
  public static final int DEFAULT_GRANULARITY = 65536;
  public static final String MODE = "mode";
  public static final String MIRROR_PORT = "mirrorPort";
  public static final int DEFAULT_MIRROR_PORT = 29010;
  public static final String NBD_HOST = "nbdHost";
  public static final String DEFAULT_NBD_HOST = "127.0.0.1";
  public static final String NBD_PORT = "nbdPort";
  public static final int DEFAULT_NBD_PORT = 10809;
  public static final String EXPORT_NAME = "exportName";
  public static final String COMMANDS = "commands";
  public static final String DEACTIVATE_COMMANDS = "deactivateCommands";
  public static final String COMMAND_TIMEOUT = "commandTimeout";
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);
  /** Bytes per second for resync traffic; 0 means unlimited. */
  public static final String RESYNC_RATE = "resyncRate";
  /**
   * The source of a brand-new pair's initial copy: a server name, {@link #SKIP_INITIAL_COPY}, or
   * empty (not chosen: only known-blank copies pair without the admin).
   */
  public static final String INITIAL_COPY = "initialCopy";
  public static final String SKIP_INITIAL_COPY = "skip";

  /** {@code size}: left out, the data device's own size is used (see {@link DeviceSize}). */
  public static final long DETECT_SIZE = 0;

  /** The settings for the replicator, with this resource's geometry and mode and the device size to use. */
  public MirrorSettings settings(long deviceSize) {
    return MirrorSettings.defaults(deviceSize, mode).withGeometry(blockSize, bitmapGranularity)
        .withResyncRate(resyncRate);
  }

  /** The device size: {@code size}, or the data device's size when it is left out. Blocking (file I/O). */
  public long resolveSize(DeviceSize sizes) {
    return sizes.resolve(dataPath, size, blockSize);
  }

  public record Parsed(MdParams params, List<FieldProblem> problems) {}

  public static Parsed parse(Params p, String resourceName) {
    List<FieldProblem> problems = new ArrayList<>();
    Path data = path(p, DATA_PATH, problems);
    Path cluster = path(p, CLUSTER_PATH, problems);
    long size = 0;
    int block = DEFAULT_BLOCK_SIZE;
    int gran = DEFAULT_GRANULARITY;
    MirrorMode mode = MirrorMode.SYNC;
    int mirrorPort = DEFAULT_MIRROR_PORT;
    int nbdPort = DEFAULT_NBD_PORT;
    Duration timeout = DEFAULT_COMMAND_TIMEOUT;
    long resyncRate = MirrorSettings.UNLIMITED;
    try {
      resyncRate = MirrorGeometry.parseSize(RESYNC_RATE, p.string(RESYNC_RATE, "0"));
    } catch (RuntimeException e) {
      problems.add(new FieldProblem(RESYNC_RATE, e.getMessage()));
    }
    try {
      Optional<String> sizeText = p.optString(SIZE);
      size = sizeText.isPresent() ? MirrorGeometry.parseSize(SIZE, sizeText.get()) : DETECT_SIZE;
      block = (int) MirrorGeometry.parseSize(BLOCK_SIZE, p.string(BLOCK_SIZE, String.valueOf(DEFAULT_BLOCK_SIZE)));
      gran = (int) MirrorGeometry.parseSize(GRANULARITY, p.string(GRANULARITY, String.valueOf(DEFAULT_GRANULARITY)));
      // a detected size is checked once known; here the other fields are checked against one block
      MirrorGeometry.check(sizeText.isPresent() ? size : block, block, gran);
    } catch (RuntimeException e) {
      problems.add(new FieldProblem(fieldOf(e.getMessage(), SIZE), e.getMessage()));
    }
    try {
      mode = MirrorMode.parse(MODE, p.string(MODE, "sync"));
    } catch (RuntimeException e) {
      problems.add(new FieldProblem(MODE, e.getMessage()));
    }
    mirrorPort = port(p, MIRROR_PORT, DEFAULT_MIRROR_PORT, problems);
    nbdPort = port(p, NBD_PORT, DEFAULT_NBD_PORT, problems);
    try {
      timeout = p.duration(COMMAND_TIMEOUT, DEFAULT_COMMAND_TIMEOUT);
    } catch (RuntimeException e) {
      problems.add(new FieldProblem(COMMAND_TIMEOUT, e.getMessage()));
    }
    String initialCopy = p.optString(INITIAL_COPY).orElse("").trim();
    if (p.optString(INITIAL_COPY).isPresent() && initialCopy.isEmpty()) {
      problems.add(new FieldProblem(INITIAL_COPY, "must name a server of the group or be '" + SKIP_INITIAL_COPY
          + "' (leave it out when not chosen)"));
    }
    if (data != null && data.equals(cluster)) {
      problems.add(new FieldProblem(CLUSTER_PATH, "must differ from dataPath"));
    }
    MdParams parsed = problems.isEmpty()
        ? new MdParams(data, cluster, size, block, gran, mode, mirrorPort, p.string(NBD_HOST, DEFAULT_NBD_HOST),
            nbdPort, p.string(EXPORT_NAME, resourceName), p.strings(COMMANDS), p.strings(DEACTIVATE_COMMANDS), timeout,
            resyncRate, initialCopy)
        : null;
    return new Parsed(parsed, problems);
  }

  /**
   * The initial-copy choice as the copy on {@code self} states it, {@code peer} holding the other
   * copy. Throws IllegalArgumentException naming the field for a server without a copy.
   */
  public InitialCopy initialCopyFor(String self, String peer) {
    if (initialCopy.isEmpty()) {
      return InitialCopy.UNSET;
    }
    if (initialCopy.equals(SKIP_INITIAL_COPY)) {
      return InitialCopy.SKIP;
    }
    if (initialCopy.equals(self)) {
      return InitialCopy.LOCAL;
    }
    if (initialCopy.equals(peer)) {
      return InitialCopy.PEER;
    }
    throw new IllegalArgumentException(INITIAL_COPY + ": '" + initialCopy + "' holds no copy of this mirror (copies: "
        + self + ", " + peer + "; or '" + SKIP_INITIAL_COPY + "')");
  }

  private static String fieldOf(String message, String dflt) {
    int colon = message == null ? -1 : message.indexOf(':');
    return colon > 0 ? message.substring(0, colon) : dflt;
  }

  private static Path path(Params p, String key, List<FieldProblem> problems) {
    String v = p.optString(key).orElse("");
    if (v.isBlank()) {
      problems.add(new FieldProblem(key, "required"));
      return null;
    }
    return Path.of(v);
  }

  private static int port(Params p, String key, int dflt, List<FieldProblem> problems) {
    try {
      int v = p.integer(key, dflt);
      if (v < 1 || v > 65535) {
        problems.add(new FieldProblem(key, "must be a port in 1..65535, got " + v));
      }
      return v;
    } catch (RuntimeException e) {
      problems.add(new FieldProblem(key, e.getMessage()));
      return dflt;
    }
  }
}
