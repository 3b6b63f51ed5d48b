package io.zoneha.mirror.resource;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every number in MirrorErrors has a row in docs/errors.md. */
class MirrorErrorCatalogueTest {
  @Test
  void everyMirrorCodeIsDocumented() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "errors.md"));
    List<String> missing = new ArrayList<>();
    Field[] fields = MirrorErrors.class.getFields();
    for (Field f : fields) {
      int code = f.getInt(null);
      if (!doc.contains("\n| " + code + " |")) {
        missing.add(f.getName() + "=" + code);
      }
    }
    assertTrue(fields.length >= 14, "found the codes by reflection");
    assertTrue(missing.isEmpty(), "codes without a row in docs/errors.md: " + missing);
  }
}
