package io.zoneha.mirror.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data partition: a regular file (created and sized when missing) or a block device. Reads
 * and writes are positional and thread-safe (FileChannel positional I/O).
 */
public final class DataStore implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final long size;

  private DataStore(Path path, FileChannel channel, long size) {
    this.path = path;
    this.channel = channel;
    this.size = size;
  }

  public static DataStore open(Path path, long size) throws IOException {
    boolean created = !Files.exists(path);
    boolean regular = created || Files.isRegularFile(path);
    FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    if (regular && ch.size() < size) {
      // a new mirror reads as zeros, which is what "known blank" means
      ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
      if (created) {
        preallocate(path, size);
      }
    }
    return new DataStore(path, ch, size);
  }

  /**
   * Allocates the blocks of a new file up front. On a sparse file every first write allocates
   * blocks, and with journaling filesystems (ext4 data=ordered) each bitmap fsync then also
   * forces out all that freshly allocated data, making the write-ahead bitmap slow. Best effort:
   * without the fallocate tool the file simply stays sparse.
   */
  private static void preallocate(Path path, long size) {
    try {
      Process p = new ProcessBuilder("fallocate", "-l", String.valueOf(size), path.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      // no fallocate on this system: stay sparse
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public long size() {
    return size;
  }

  public Path path() {
    return path;
  }

  public void checkRange(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > size || offset + length < 0) {
      throw new IndexOutOfBoundsException(
          "offset " + offset + " length " + length + " outside device of " + size + " bytes");
    }
  }

  public void write(long offset, ByteBuffer data) throws IOException {
    checkRange(offset, data.remaining());
    long pos = offset;
    while (data.hasRemaining()) {
      pos += channel.write(data, pos);
    }
  }

  /**
   * Writes the pieces back to back from {@code offset} (a composite buffer's components) with one
   * gathering write. Uses the channel position, so callers must be the single writer thread;
   * positional reads on other threads are unaffected.
   */
  public void write(long offset, ByteBuffer[] pieces) throws IOException {
    if (pieces.length == 1) {
      write(offset, pieces[0]);
      return;
    }
    long total = 0;
    for (ByteBuffer b : pieces) {
      total += b.remaining();
    }
    checkRange(offset, total);
    synchronized (channel) {
      channel.position(offset);
      long done = 0;
      while (done < total) {
        done += channel.write(pieces);
      }
    }
  }

  public void read(long offset, ByteBuffer into) throws IOException {
    checkRange(offset, into.remaining());
    long pos = offset;
    while (into.hasRemaining()) {
      int n = channel.read(into, pos);
      if (n < 0) {
        // past the end of a short file: the rest reads as zeros
        while (into.hasRemaining()) {
          into.put((byte) 0);
        }
        break;
      }
      pos += n;
    }
  }

  private static final int ZERO_CHUNK = 1 << 20;
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZERO_CHUNK);

  public void writeZeroes(long offset, long length) throws IOException {
    checkRange(offset, length);
    long done = 0;
    while (done < length) {
      int n = (int) Math.min(ZERO_CHUNK, length - done);
      write(offset + done, ZEROS.duplicate().limit(n));
      done += n;
    }
  }

  public void flush() throws IOException {
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
