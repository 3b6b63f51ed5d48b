package io.zoneha.resources.aws.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every call the emulator answered, in order, with who made it and how it ended. */
public final class CallLog {
  /**
   * One call. {@code caller} is the access key ID from the Authorization header ({@code
   * another-actor} for admin-made changes); {@code error} is the AWS error code or null.
   */
  public record Entry(long seq, Instant time, String service, String action, String caller,
      Map<String, String> params, boolean mutating, int status, String error) {
    public JsonObject toJson() {
      return new JsonObject().put("seq", seq).put("time", time.toString()).put("service", service)
          .put("action", action).put("caller", caller).put("params", new JsonObject(new java.util.HashMap<String, Object>(params)))
          .put("mutating", mutating).put("status", status).put("error", error);
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private long seq;

  synchronized Entry add(String service, String action, String caller, Map<String, String> params,
      boolean mutating, int status, String error) {
    Entry e = new Entry(++seq, Instant.now(), service, action, caller, Map.copyOf(params), mutating,
        status, error);
    entries.add(e);
    return e;
  }

  /** Entries after {@code sinceSeq}; only mutating ones unless {@code all}. */
  public synchronized List<Entry> entries(long sinceSeq, boolean all) {
    return entries.stream().filter(e -> e.seq > sinceSeq && (all || e.mutating)).toList();
  }

  public synchronized void clear() {
    entries.clear();
  }

  JsonArray toJson(long sinceSeq, boolean all) {
    JsonArray a = new JsonArray();
    entries(sinceSeq, all).forEach(e -> a.add(e.toJson()));
    return a;
  }
}
