package io.zoneha.mirror.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The size of a data partition when the configuration leaves {@code size} out: a regular file's
 * length, or a block device's size from sysfs ({@code /sys/dev/block/MAJOR:MINOR/size}, in
 * 512-byte sectors, found through the device's major:minor). Blocking (file I/O): call it off the
 * event loop. Errors name the {@code size} field and say why it could not be detected.
 */
public final class DeviceSize {
  /** sysfs counts block device sizes in 512-byte sectors whatever the device's own block size. */
  static final long SECTOR = 512;

  private final Path sysDevBlock;

  public DeviceSize() {
    this(Path.of("/sys/dev/block"));
  }

  /** {@code sysDevBlock}: where the device numbers are looked up (a fake directory in tests). */
  DeviceSize(Path sysDevBlock) {
    this.sysDevBlock = sysDevBlock;
  }

  /**
   * The configured size, or the detected one (rounded down to {@code blockSize}) when
   * {@code configured} is 0. A configured size larger than a block device is refused.
   */
  public long resolve(Path dataPath, long configured, int blockSize) {
    if (configured > 0) {
      Long device = Files.exists(dataPath) && !Files.isRegularFile(dataPath) ? blockDeviceSize(dataPath) : null;
      if (device != null && configured > device) {
        throw new IllegalArgumentException("size: " + configured + " bytes is larger than the data device "
            + dataPath + " (" + device + " bytes)");
      }
      return configured;
    }
    long detected = detect(dataPath);
    long usable = detected / blockSize * blockSize;
    if (usable <= 0) {
      throw new IllegalArgumentException("size: not set, and dataPath " + dataPath + " holds " + detected
          + " bytes (less than one block of " + blockSize + "); set size");
    }
    return usable;
  }

  /** The bytes of an existing file or block device; an error naming {@code size} otherwise. */
  public long detect(Path dataPath) {
    if (!Files.exists(dataPath)) {
      throw new IllegalArgumentException("size: required when dataPath " + dataPath
          + " does not exist (ZoneHA creates the file with this size)");
    }
    try {
      if (Files.isRegularFile(dataPath)) {
        return Files.size(dataPath);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("size: not set, and the length of dataPath " + dataPath
          + " cannot be read: " + e.getMessage(), e);
    }
    Long size = blockDeviceSize(dataPath);
    if (size == null) {
      throw new IllegalArgumentException("size: not set, and dataPath " + dataPath
          + " is neither a regular file nor a block device with a size in " + sysDevBlock + "; set size");
    }
    return size;
  }

  /** The size of a block device from sysfs, or null when it is not a block device sysfs knows. */
  Long blockDeviceSize(Path device) {
    long rdev;
    try {
      rdev = ((Number) Files.getAttribute(device, "unix:rdev")).longValue();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
    if (rdev == 0) {
      return null;
    }
    Path sizeFile = sysDevBlock.resolve(major(rdev) + ":" + minor(rdev)).resolve("size");
    try {
      return parseSectors(Files.readString(sizeFile), sizeFile) * SECTOR;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new IllegalArgumentException("size: not set, and " + sizeFile + " cannot be read: " + e.getMessage(), e);
    }
  }

  static long parseSectors(String text, Path from) {
    try {
      long sectors = Long.parseLong(text.trim());
      if (sectors < 0) {
        throw new NumberFormatException();
      }
      return sectors;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("size: not set, and " + from + " holds '" + text.trim()
          + "', not a sector count; set size");
    }
  }

  /** glibc's encoding of dev_t (gnu_dev_major / gnu_dev_minor). */
  static long major(long rdev) {
    return ((rdev >>> 8) & 0xfffL) | ((rdev >>> 32) & 0xfffff000L);
  }

  static long minor(long rdev) {
    return (rdev & 0xffL) | ((rdev >>> 12) & 0xffffff00L);
  }
}
