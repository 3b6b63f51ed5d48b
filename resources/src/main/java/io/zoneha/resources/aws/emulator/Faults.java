package io.zoneha.resources.aws.emulator;

import io.vertx.core.json.JsonArray;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The fault rules and per-service rate limits in force; decides what happens to each call. */
final class Faults {
  /** Verdict for one call: wait {@code latencyMs}, then fail with {@code errorCode} unless null. */
  record Verdict(long latencyMs, String errorCode) {}

  private static final class Live {
    final FaultRule rule;
    int remaining;

    Live(FaultRule rule) {
      this.rule = rule;
      this.remaining = rule.count();
    }
  }

  private final List<Live> rules = new ArrayList<>();
  private final Map<AwsError.Service, Integer> perSecond = new EnumMap<>(AwsError.Service.class);
  private final Map<AwsError.Service, Deque<Long>> recent = new EnumMap<>(AwsError.Service.class);
  private Random random = new Random(42);

  synchronized void add(FaultRule r) {
    rules.add(new Live(r));
  }

  synchronized void clear() {
    rules.clear();
    perSecond.clear();
    recent.clear();
  }

  synchronized void seed(long seed) {
    random = new Random(seed);
  }

  /** At most {@code n} calls per second to a service; more get its throttling error. 0 = off. */
  synchronized void rateLimit(AwsError.Service service, int n) {
    if (n <= 0) {
      perSecond.remove(service);
    } else {
      perSecond.put(service, n);
    }
  }

  synchronized JsonArray toJson() {
    JsonArray a = new JsonArray();
    rules.forEach(l -> a.add(l.rule.toJson().put("remaining", l.remaining)));
    return a;
  }

  synchronized Verdict decide(AwsError.Service service, String op, long nowMillis) {
    long latency = 0;
    String error = null;
    for (Iterator<Live> it = rules.iterator(); it.hasNext(); ) {
      Live l = it.next();
      if (!l.rule.matches(op)) {
        continue;
      }
      latency += l.rule.latencyMs();
      boolean fires = l.rule.errorCode() != null && error == null
          && (l.rule.errorRate() >= 1.0 || random.nextDouble() < l.rule.errorRate());
      if (fires) {
        error = serviceCode(service, l.rule.errorCode());
      }
      if (l.remaining > 0 && (fires || l.rule.errorCode() == null)) {
        l.remaining--;
        if (l.remaining == 0) {
          it.remove();
        }
      }
    }
    if (error == null && overRate(service, nowMillis)) {
      error = serviceCode(service, "Throttle");
    }
    return new Verdict(latency, error);
  }

  private boolean overRate(AwsError.Service service, long now) {
    Integer limit = perSecond.get(service);
    if (limit == null) {
      return false;
    }
    Deque<Long> q = recent.computeIfAbsent(service, k -> new ArrayDeque<>());
    while (!q.isEmpty() && now - q.peekFirst() >= 1000) {
      q.pollFirst();
    }
    if (q.size() >= limit) {
      return true;
    }
    q.addLast(now);
    return false;
  }

  static String serviceCode(AwsError.Service service, String code) {
    if (!"Throttle".equals(code)) {
      return code;
    }
    return service == AwsError.Service.EC2 ? "RequestLimitExceeded" : "Throttling";
  }
}
