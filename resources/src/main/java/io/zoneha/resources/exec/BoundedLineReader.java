package io.zoneha.resources.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads '\n'-separated lines, keeping at most {@code maxLineBytes} bytes of each: a script that
 * prints megabytes without a newline must not grow the node's heap. Cut lines end with " [cut]".
 * Bytes are decoded as UTF-8 (bad sequences become U+FFFD); a trailing '\r' is dropped.
 */
public final class BoundedLineReader {
  static final String CUT_MARK = " [cut]";

  private final InputStream in;
  private final int maxLineBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  public BoundedLineReader(InputStream in, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be >= 1: " + maxLineBytes);
    }
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line without its terminator, or null at end of input. */
  public String readLine() throws IOException {
    boolean sawAny = false;
    boolean cut = false;
    line.reset();
    int b;
    while ((b = in.read()) != -1) {
      sawAny = true;
      if (b == '\n') {
        return finish(cut);
      }
      if (line.size() < maxLineBytes) {
        line.write(b);
      } else {
        cut = true;
      }
    }
    return sawAny ? finish(cut) : null;
  }

  private String finish(boolean cut) {
    byte[] bytes = line.toByteArray();
    int len = bytes.length;
    if (!cut && len > 0 && bytes[len - 1] == '\r') {
      len--;
    }
    String s = new String(bytes, 0, len, StandardCharsets.UTF_8);
    return cut ? s + CUT_MARK : s;
  }
}
