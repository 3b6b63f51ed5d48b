package io.zoneha.mirror.storage;

/** Size rules shared by the superblock, the bitmap and the configuration. */
public final class MirrorGeometry {
  public static final int MIN_GRANULARITY = 4096;
  public static final int MAX_GRANULARITY = 65536;

  private MirrorGeometry() {}

  /** Throws IllegalArgumentException naming the field that breaks a rule. */
  public static void check(long deviceSize, int blockSize, int granularity) {
    if (blockSize < 512 || blockSize > 65536 || Integer.bitCount(blockSize) != 1) {
      throw new IllegalArgumentException("blockSize: must be a power of two in 512..65536, got " + blockSize);
    }
    if (granularity < MIN_GRANULARITY || granularity > MAX_GRANULARITY || Integer.bitCount(granularity) != 1) {
      throw new IllegalArgumentException(
          "bitmapGranularity: must be a power of two in 4096..65536, got " + granularity);
    }
    if (granularity < blockSize) {
      throw new IllegalArgumentException("bitmapGranularity: smaller than blockSize " + blockSize);
    }
    if (deviceSize <= 0 || deviceSize % blockSize != 0) {
      throw new IllegalArgumentException("size: must be a positive multiple of blockSize, got " + deviceSize);
    }
  }

  public static long chunks(long deviceSize, int granularity) {
    return (deviceSize + granularity - 1) / granularity;
  }

  /** Parses 4096, 64K, 64M, 2G (binary units). */
  public static long parseSize(String field, String text) {
    String t = text.trim().toUpperCase();
    long mult = 1;
    if (t.endsWith("IB")) {
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("B")) {
      t = t.substring(0, t.length() - 1);
    }
    if (!t.isEmpty()) {
      char u = t.charAt(t.length() - 1);
      int shift = switch (u) {
        case 'K' -> 10;
        case 'M' -> 20;
        case 'G' -> 30;
        case 'T' -> 40;
        default -> 0;
      };
      if (shift > 0) {
        mult = 1L << shift;
        t = t.substring(0, t.length() - 1);
      }
    }
    try {
      long v = Long.parseLong(t.trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(v, mult);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(field + ": not a size: '" + text + "'");
    }
  }
}
