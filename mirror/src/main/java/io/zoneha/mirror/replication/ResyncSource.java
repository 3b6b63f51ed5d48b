package io.zoneha.mirror.replication;

import java.util.HashSet;
import java.util.Set;

/**
 * Progress of one resync on the source side. A chunk re-written by the foreground while its
 * resync copy is in flight keeps its dirty bit when that copy is acknowledged.
 */
final class ResyncSource {
  int cursor;
  boolean doneSent;
  final long startNanos = System.nanoTime();
  long sentBytes;
  boolean pauseScheduled;
  final Set<Integer> inFlight = new HashSet<>();
  final Set<Integer> redirtied = new HashSet<>();

  void noteForegroundWrite(int firstChunk, int lastChunk) {
    for (int c = firstChunk; c <= lastChunk; c++) {
      if (inFlight.contains(c)) {
        redirtied.add(c);
      }
    }
  }

  /** True when the acknowledged chunk's bit may be cleared. */
  boolean acked(int chunk) {
    inFlight.remove(chunk);
    return !redirtied.remove(chunk);
  }
}
