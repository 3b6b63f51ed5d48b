package io.zoneha.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the values that must not leave a node through the API: the cluster secret (it signs
 * every cluster message and derives the CLI token) and password hashes (enough for an offline
 * guessing attack). Works on the text so the operator sees their own file, comments included.
 */
public final class ConfigRedactor {
  public static final String MASK = "\"***\"";
  private static final Pattern SECRET_VALUE = Pattern.compile(
      "(?m)(^|[\\s{,])(secret|passwordHash)(\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'|[^\\s,}#]+)");

  private ConfigRedactor() {}

  private static final Pattern MASKED_SECRET = Pattern.compile("(?m)(^|[\\s{,])(secret)(\\s*:\\s*)\"\\*\\*\\*\"");

  /** Puts the running secret back where a redacted file still has the mask. */
  public static String restoreSecret(String yaml, String secret) {
    Matcher m = MASKED_SECRET.matcher(yaml);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + m.group(3)
          + io.vertx.core.json.Json.encode(secret)));
    }
    m.appendTail(out);
    return out.toString();
  }

  public static String redact(String yaml) {
    Matcher m = SECRET_VALUE.matcher(yaml);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + m.group(3) + MASK));
    }
    m.appendTail(out);
    return out.toString();
  }
}
