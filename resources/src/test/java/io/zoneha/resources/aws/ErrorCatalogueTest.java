package io.zoneha.resources.aws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every number the AWS code can report has an entry in docs/errors.md. */
class ErrorCatalogueTest {
  static Set<Integer> documented() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "errors.md"));
    Matcher m = Pattern.compile("(?m)^### (\\d+) ").matcher(doc);
    Set<Integer> codes = new TreeSet<>();
    while (m.find()) {
      codes.add(Integer.parseInt(m.group(1)));
    }
    return codes;
  }

  @Test
  void everyAwsCodeIsDocumented() throws Exception {
    Set<Integer> doc = documented();
    Set<Integer> missing = new TreeSet<>();
    for (Field f : AwsCodes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        int code = f.getInt(null);
        if (!doc.contains(code)) {
          missing.add(code);
        }
      }
    }
    assertTrue(missing.isEmpty(), "codes without an entry in docs/errors.md: " + missing);
    assertTrue(doc.contains(1) && doc.contains(99), "the engine's general codes 1 and 99");
  }

  @Test
  void everyFamilyCodeAndItsWarningFormAreDocumented() throws Exception {
    Set<Integer> doc = documented();
    for (AwsCodes.Family fam : new AwsCodes.Family[] {AwsCodes.Family.VIP, AwsCodes.Family.STANDARD}) {
      assertTrue(doc.contains(fam.failure()) && doc.contains(fam.timeout()), fam.toString());
    }
    assertTrue(doc.contains(AwsCodes.AWS_FAILED + 100) && doc.contains(AwsCodes.AWS_TIMEOUT + 100));
  }
}
