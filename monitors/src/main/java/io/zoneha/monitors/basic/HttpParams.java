package io.zoneha.monitors.basic;

import io.zoneha.engine.config.Params;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.resources.exec.ParamChecks;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of an {@code httpw} monitor.
 *
 * @param url http:// or https:// address that is fetched with GET
 * @param expectStatus the status code that means healthy
 */
public record HttpParams(String url, int expectStatus) {
  public static final int DEFAULT_EXPECT_STATUS = 200;
  private static final Set<String> FIELDS = Set.of("url", "expectStatus");

  public static List<FieldProblem> validate(Params params) {
    Map<String, Object> v = params.asMap();
    List<FieldProblem> out = new ArrayList<>();
    ParamChecks.unknownFields(v, FIELDS, out);
    ParamChecks.text(v, "url", true, out);
    if (v.get("url") instanceof String url && !url.isBlank()) {
      checkUrl(url.trim(), out);
    }
    ParamChecks.intInRange(v, "expectStatus", 100, 599, out);
    return out;
  }

  private static void checkUrl(String url, List<FieldProblem> out) {
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      out.add(new FieldProblem("url", "must start with http:// or https://"));
      return;
    }
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null) {
        out.add(new FieldProblem("url", "has no host name or address: '" + url + "'"));
      } else if (uri.getRawUserInfo() != null) {
        // a password in the URL would be printed in every error message and log line
        out.add(new FieldProblem("url", "must not contain a user name or password"));
      }
    } catch (URISyntaxException e) {
      out.add(new FieldProblem("url", "not a valid URL: " + e.getReason() + " at index " + e.getIndex()));
    }
  }

  /** Reads valid fields; call {@link #validate} first. */
  public static HttpParams from(Params params) {
    List<FieldProblem> problems = validate(params);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0).field() + ": " + problems.get(0).message());
    }
    return new HttpParams(params.string("url").trim(), params.integer("expectStatus", DEFAULT_EXPECT_STATUS));
  }
}
