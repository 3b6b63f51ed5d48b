package io.zoneha.resources.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {
  @Test
  void splitsLinesAndDropsCarriageReturns() throws Exception {
    assertEquals(List.of("one", "two", "", "last"), read("one\ntwo\r\n\nlast", 100));
  }

  @Test
  void cutsLongLinesWithoutKeepingThem() throws Exception {
    String longLine = "x".repeat(10_000);
    assertEquals(List.of("xxxx" + BoundedLineReader.CUT_MARK, "next"), read(longLine + "\nnext\n", 4));
  }

  @Test
  void endOfInputGivesNull() throws Exception {
    BoundedLineReader r = new BoundedLineReader(InputStream.nullInputStream(), 10);
    assertNull(r.readLine());
  }

  @Test
  void decodesUtf8AndReplacesBadBytes() throws Exception {
    byte[] bytes = {'o', 'k', (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xFF, '\n'};
    BoundedLineReader r = new BoundedLineReader(new ByteArrayInputStream(bytes), 100);
    assertEquals("ok\u00e9 \ufffd", r.readLine());
  }

  private static List<String> read(String text, int max) throws Exception {
    BoundedLineReader r = new BoundedLineReader(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    List<String> out = new ArrayList<>();
    String line;
    while ((line = r.readLine()) != null) {
      out.add(line);
    }
    return out;
  }
}
