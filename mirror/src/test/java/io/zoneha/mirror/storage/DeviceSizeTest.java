package io.zoneha.mirror.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Size detection of a data partition: real files, a fake sysfs, and a real loop device when the sandbox has one. */
class DeviceSizeTest {
  @TempDir Path dir;

  @Test
  void regularFileUsesItsLengthRoundedToTheBlockSize() throws Exception {
    Path f = dir.resolve("data.img");
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
      r.setLength((8L << 20) + 100);
    }
    assertEquals((8L << 20) + 100, new DeviceSize().detect(f));
    assertEquals(8L << 20, new DeviceSize().resolve(f, MdSizes.DETECT, 4096));
    assertEquals(4L << 20, new DeviceSize().resolve(f, 4L << 20, 4096), "a configured size wins");
  }

  @Test
  void missingFileWithoutSizeNamesTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DeviceSize().resolve(dir.resolve("nope.img"), MdSizes.DETECT, 4096));
    assertTrue(e.getMessage().startsWith("size: required when dataPath"), e.getMessage());
  }

  @Test
  void emptyFileWithoutSizeNamesTheField() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.img"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DeviceSize().resolve(empty, MdSizes.DETECT, 4096));
    assertTrue(e.getMessage().startsWith("size: not set") && e.getMessage().contains("set size"), e.getMessage());
  }

  /** A block device node (attached or not) is looked up by its major:minor in a fake sysfs. */
  @Test
  void blockDeviceSizeComesFromSysfsByDeviceNumber() throws Exception {
    Path dev = Path.of("/dev/loop0");
    Assumptions.assumeTrue(Files.exists(dev) && !Files.isRegularFile(dev), "no block device node to look up");
    long rdev = ((Number) Files.getAttribute(dev, "unix:rdev")).longValue();
    Path sys = dir.resolve("sys-dev-block");
    Path entry = Files.createDirectories(sys.resolve(DeviceSize.major(rdev) + ":" + DeviceSize.minor(rdev)));
    Files.writeString(entry.resolve("size"), "20480\n");
    DeviceSize sizes = new DeviceSize(sys);
    assertEquals(20480L * 512, sizes.detect(dev));
    IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
        () -> sizes.resolve(dev, 20L << 20, 4096));
    assertTrue(tooBig.getMessage().startsWith("size: ") && tooBig.getMessage().contains("larger than the data device"),
        tooBig.getMessage());
    Files.writeString(entry.resolve("size"), "lots");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> sizes.detect(dev));
    assertTrue(bad.getMessage().contains("'lots'"), bad.getMessage());
    Files.delete(entry.resolve("size"));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> sizes.detect(dev));
    assertTrue(none.getMessage().startsWith("size: not set") && none.getMessage().contains("set size"),
        none.getMessage());
  }

  @Test
  void deviceNumbersDecodeLikeGlibc() {
    assertEquals(7, DeviceSize.major(0x700));
    assertEquals(3, DeviceSize.minor(0x703));
    // large numbers: major 259 (NVMe), minor 300
    long rdev = ((300L & 0xff) | ((259L & 0xfff) << 8) | ((300L & ~0xffL) << 12));
    assertEquals(259, DeviceSize.major(rdev));
    assertEquals(300, DeviceSize.minor(rdev));
    assertNull(new DeviceSize(Path.of("/nonexistent")).blockDeviceSize(Path.of("/dev/null")));
  }

  /** A real loop device over a temp file (root and losetup needed); detached also on failure. */
  @Test
  void realLoopDeviceSize() throws Exception {
    Path backing = dir.resolve("loop.img");
    try (RandomAccessFile r = new RandomAccessFile(backing.toFile(), "rw")) {
      r.setLength(12L << 20);
    }
    String loop = attachLoop(backing);
    Assumptions.assumeTrue(loop != null, "loop devices are not available here");
    try {
      assertEquals(12L << 20, new DeviceSize().detect(Path.of(loop)));
      assertEquals(12L << 20, new DeviceSize().resolve(Path.of(loop), MdSizes.DETECT, 4096));
      assertThrows(IllegalArgumentException.class, () -> new DeviceSize().resolve(Path.of(loop), 16L << 20, 4096));
      // the data partition on the block device: what is written lands in the backing file
      try (DataStore store = DataStore.open(Path.of(loop), 12L << 20)) {
        store.write(4096, java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
        store.flush();
      }
      try (RandomAccessFile r = new RandomAccessFile(backing.toFile(), "r")) {
        r.seek(4096);
        byte[] got = new byte[3];
        r.readFully(got);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {1, 2, 3}, got, "written through the device");
      }
    } finally {
      run("losetup", "-d", loop);
    }
  }

  static String attachLoop(Path backing) throws Exception {
    try {
      Process p = new ProcessBuilder("losetup", "-f", "--show", backing.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.startsWith("/dev/")) {
        return null;
      }
      return out;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + " failed");
  }

  /** The "leave size out" marker, as MdParams passes it. */
  private static final class MdSizes {
    static final long DETECT = 0;
  }
}
