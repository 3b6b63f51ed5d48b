package io.zoneha.engine.witness;

import io.vertx.core.json.JsonObject;
import io.zoneha.engine.bus.ClusterSeal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What nodes and the witness say to each other: one request, {@code POST /v1/report}, whose body is
 * a {@link ClusterSeal}-sealed JSON naming the method, path, cluster, server, the sender's wall time
 * and a random nonce; the answer is sealed the same way and echoes the nonce, so neither side accepts
 * a forged, altered or replayed message. The witness keeps no secret other than the cluster secret.
 */
public final class WitnessProtocol {
  public static final String METHOD = "POST";
  public static final String PATH = "/v1/report";
  /** Largest accepted request body; a report is about 200 bytes. */
  public static final int MAX_BODY = 4096;
  /** How far a report's timestamp may be from the witness's clock. */
  public static final long MAX_SKEW_MS = 30_000;

  private static final String REPORT = "witness-report";
  private static final String ANSWER = "witness-answer";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ClusterSeal seal;

  public WitnessProtocol(String secret) {
    this.seal = new ClusterSeal(secret);
  }

  /** A node's report: "I, {@code server} of {@code cluster}, am alive at {@code sentAt}". */
  public record Report(String cluster, String server, long sentAt, String nonce) {}

  /**
   * The witness's answer: for every server of the cluster it has heard since it started, how many
   * milliseconds ago it last did; {@code uptime} bounds the silence of servers it never heard.
   */
  public record Answer(String nonce, long uptime, Map<String, Long> heardAgo) {
    public Answer {
      heardAgo = Map.copyOf(heardAgo);
    }
  }

  /** A request or answer that is not authentic or not well formed. */
  public static final class Rejected extends Exception {
    public Rejected(String message) {
      super(message);
    }
  }

  public static String newNonce() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public String sealReport(Report r) {
    return seal.seal(new JsonObject().put("type", REPORT).put("method", METHOD).put("path", PATH)
        .put("cluster", r.cluster()).put("server", r.server()).put("ts", r.sentAt()).put("nonce", r.nonce()));
  }

  /** Opens a report that arrived as {@code method path}; the signed method and path must match. */
  public Report openReport(String method, String path, String body) throws Rejected {
    JsonObject j = open(body);
    if (!REPORT.equals(j.getValue("type"))) {
      throw new Rejected("not a witness report");
    }
    if (!method.equals(j.getValue("method")) || !path.equals(j.getValue("path"))) {
      throw new Rejected("signed for " + j.getValue("method") + " " + j.getValue("path") + ", sent as " + method + " " + path);
    }
    return new Report(text(j, "cluster"), text(j, "server"), number(j, "ts"), text(j, "nonce"));
  }

  public String sealAnswer(Answer a) {
    JsonObject ages = new JsonObject(new LinkedHashMap<>(a.heardAgo()));
    return seal.seal(new JsonObject().put("type", ANSWER).put("nonce", a.nonce()).put("uptime", a.uptime())
        .put("heardAgo", ages));
  }

  /** Opens an answer and checks that it answers the request with {@code nonce}. */
  public Answer openAnswer(String body, String nonce) throws Rejected {
    JsonObject j = open(body);
    if (!ANSWER.equals(j.getValue("type"))) {
      throw new Rejected("not a witness answer");
    }
    if (!nonce.equals(j.getValue("nonce"))) {
      throw new Rejected("answer to another request (nonce differs)");
    }
    Map<String, Long> ages = new LinkedHashMap<>();
    JsonObject a = j.getValue("heardAgo") instanceof JsonObject o ? o : new JsonObject();
    for (String server : a.fieldNames()) {
      ages.put(server, number(a, server));
    }
    return new Answer(nonce, number(j, "uptime"), ages);
  }

  private JsonObject open(String body) throws Rejected {
    try {
      return seal.open(body);
    } catch (SecurityException e) {
      throw new Rejected(e.getMessage());
    }
  }

  private static String text(JsonObject j, String key) throws Rejected {
    if (j.getValue(key) instanceof String s && !s.isEmpty()) {
      return s;
    }
    throw new Rejected("field " + key + " missing or not a string");
  }

  private static long number(JsonObject j, String key) throws Rejected {
    if (j.getValue(key) instanceof Number n && n.longValue() >= 0) {
      return n.longValue();
    }
    throw new Rejected("field " + key + " missing or not a non-negative number");
  }
}
