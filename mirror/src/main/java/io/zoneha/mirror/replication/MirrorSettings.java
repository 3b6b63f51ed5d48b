package io.zoneha.mirror.replication;

import io.zoneha.mirror.protocol.InitialCopy;
import io.zoneha.mirror.storage.MirrorGeometry;
import java.time.Duration;

/**
 * Replication tuning for one mirror. Defaults are named next to their fields; {@link #validate()}
 * checks every cross-field rule in one place and names the field.
 */
public record MirrorSettings(
    long deviceSize,
    int blockSize,
    int bitmapGranularity,
    MirrorMode mode,
    int windowFrames,
    long asyncQueueBytes,
    int resyncWindowChunks,
    Duration ackTimeout,
    Duration cleanDelay,
    Duration reconnectInterval,
    Duration handshakeTimeout,
    int maxPayload,
    Duration peerDelay,
    long resyncRateBytes,
    InitialCopy initialCopy) {

  public static final int DEFAULT_BLOCK_SIZE = 4096;
  public static final int DEFAULT_GRANULARITY = 65536;
  public static final int DEFAULT_WINDOW_FRAMES = 128;
  public static final long DEFAULT_ASYNC_QUEUE_BYTES = 64L << 20;
  public static final int DEFAULT_RESYNC_WINDOW = 16;
  public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CLEAN_DELAY = Duration.ofMillis(200);
  public static final Duration DEFAULT_RECONNECT = Duration.ofMillis(500);
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_PAYLOAD = 4 << 20;
  /** resyncRateBytes: no throttle. */
  public static final long UNLIMITED = 0;

  public static MirrorSettings defaults(long deviceSize, MirrorMode mode) {
    return new MirrorSettings(deviceSize, DEFAULT_BLOCK_SIZE, DEFAULT_GRANULARITY, mode,
        DEFAULT_WINDOW_FRAMES, DEFAULT_ASYNC_QUEUE_BYTES, DEFAULT_RESYNC_WINDOW, DEFAULT_ACK_TIMEOUT,
        DEFAULT_CLEAN_DELAY, DEFAULT_RECONNECT, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_MAX_PAYLOAD, Duration.ZERO,
        UNLIMITED, InitialCopy.UNSET);
  }

  public MirrorSettings withGeometry(int block, int granularity) {
    return new MirrorSettings(deviceSize, block, granularity, mode, windowFrames, asyncQueueBytes,
        resyncWindowChunks, ackTimeout, cleanDelay, reconnectInterval, handshakeTimeout, maxPayload, peerDelay, resyncRateBytes,
        initialCopy);
  }

  /** Benchmarks and tests: extra one-way latency on every frame this side sends. */
  public MirrorSettings withPeerDelay(Duration delay) {
    return new MirrorSettings(deviceSize, blockSize, bitmapGranularity, mode, windowFrames, asyncQueueBytes,
        resyncWindowChunks, ackTimeout, cleanDelay, reconnectInterval, handshakeTimeout, maxPayload, delay, resyncRateBytes, initialCopy);
  }

  /** Caps resync traffic at {@code bytesPerSecond} (0: unlimited) so foreground I/O keeps its share. */
  public MirrorSettings withResyncRate(long bytesPerSecond) {
    return new MirrorSettings(deviceSize, blockSize, bitmapGranularity, mode, windowFrames, asyncQueueBytes,
        resyncWindowChunks, ackTimeout, cleanDelay, reconnectInterval, handshakeTimeout, maxPayload, peerDelay,
        bytesPerSecond, initialCopy);
  }

  public MirrorSettings withAsyncQueueBytes(long bytes) {
    return new MirrorSettings(deviceSize, blockSize, bitmapGranularity, mode, windowFrames, bytes,
        resyncWindowChunks, ackTimeout, cleanDelay, reconnectInterval, handshakeTimeout, maxPayload, peerDelay, resyncRateBytes,
        initialCopy);
  }

  /** The admin's choice of initial-copy source for a brand-new pair, seen from this copy. */
  public MirrorSettings withInitialCopy(InitialCopy choice) {
    return new MirrorSettings(deviceSize, blockSize, bitmapGranularity, mode, windowFrames, asyncQueueBytes,
        resyncWindowChunks, ackTimeout, cleanDelay, reconnectInterval, handshakeTimeout, maxPayload, peerDelay,
        resyncRateBytes, choice);
  }

  public MirrorSettings validate() {
    MirrorGeometry.check(deviceSize, blockSize, bitmapGranularity);
    if (initialCopy == null) {
      throw new IllegalArgumentException("initialCopy: required (UNSET when not chosen)");
    }
    positive("windowFrames", windowFrames);
    positive("asyncQueueBytes", asyncQueueBytes);
    positive("resyncWindowChunks", resyncWindowChunks);
    if (resyncRateBytes < 0) {
      throw new IllegalArgumentException("resyncRate: must not be negative, got " + resyncRateBytes);
    }
    if (peerDelay.isNegative()) {
      throw new IllegalArgumentException("peerDelay: must not be negative, got " + peerDelay);
    }
    if (maxPayload < bitmapGranularity) {
      throw new IllegalArgumentException("maxPayload: smaller than bitmapGranularity " + bitmapGranularity);
    }
    for (Duration d : new Duration[] {ackTimeout, cleanDelay, reconnectInterval, handshakeTimeout}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts: must be positive, got " + d);
      }
    }
    return this;
  }

  private static void positive(String field, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(field + ": must be positive, got " + v);
    }
  }
}
