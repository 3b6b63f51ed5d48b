package io.zoneha.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zoneha.engine.apply.ApplyImpact;
import io.zoneha.engine.apply.ApplyPlan;
import io.zoneha.engine.apply.RestartOrder;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ServerConfig;
import io.zoneha.web.ApplyMessages.Answer;
import io.zoneha.web.ApplyMessages.Phase;
import io.zoneha.web.ApplyMessages.Step;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * POST /api/v1/config/apply: two-phase distribution of a new cluster.yaml. Every server must be
 * online and must validate and stage the file (PREPARE) before any server installs it (COMMIT);
 * one refusal or silence and every server drops it (ABORT). What each server then does follows
 * the plan (io.zoneha.engine.apply.ConfigDiff): take it live, restart only some monitors or
 * groups, restart the cluster service one server at a time, or everywhere at once.
 */
final class ApplyCoordinator {
  static final long STEP_TIMEOUT_MS = 15_000;

  private final Vertx vertx;
  private final ClusterConfig running;
  private final ClusterSeal seal;
  private final ConfigCheck check;
  private final AuditLog audit;
  private final Supplier<Future<JsonObject>> status;
  private boolean busy;

  ApplyCoordinator(Vertx vertx, ClusterConfig running, ClusterSeal seal, ConfigCheck check, AuditLog audit,
      Supplier<Future<JsonObject>> status) {
    this.vertx = vertx;
    this.running = running;
    this.seal = seal;
    this.check = check;
    this.audit = audit;
    this.status = status;
  }

  void apply(RoutingContext ctx) {
    String raw = ctx.body() == null ? null : ctx.body().asString();
    if (raw == null || raw.isBlank()) {
      throw new Http.BadInput("body", "empty; send the cluster.yaml text");
    }
    String base = ctx.request().getParam("base");
    if (base != null && !base.equals(running.fingerprint())) {
      throw new Http.BadInput("base", "the cluster runs " + running.fingerprint() + ", not " + base
          + "; reload the configuration and edit again");
    }
    // a file fetched from GET /api/v1/config keeps the running secret through its mask
    String text = ConfigRedactor.restoreSecret(raw, running.secret());
    ManagementAuth.Caller caller = ctx.get(AuthHandlers.CALLER);
    vertx.executeBlocking(() -> check.check(text)).compose(outcome -> preconditions(outcome).compose(refused -> {
      if (refused != null) {
        return Future.succeededFuture(refused);
      }
      if (busy) {
        return Future.succeededFuture(result(409, false, outcome.fingerprint(), "another apply is in progress", Map.of()));
      }
      busy = true;
      ApplyPlan plan = PlanJson.plan(running, outcome.config());
      return restartOrder().compose(order -> {
        audit.record(caller.name(), "warning", null, "apply configuration " + outcome.fingerprint()
            + " (replacing " + running.fingerprint() + ") to every server: " + plan.impact().wire() + ": " + plan.summary()
            + (plan.impact() == ApplyImpact.ROLLING ? " (order " + String.join(", ", order) + ")" : ""));
        return distribute(new Step(Phase.PREPARE, outcome.fingerprint(), running.fingerprint(), text, caller.name()), plan, order);
      }).eventually(() -> {
        busy = false;
        return Future.succeededFuture();
      });
    })).onSuccess(r -> Http.json(ctx, r.getInteger("status"), r.getJsonObject("body"))).onFailure(ctx::fail);
  }

  /** Standby servers first (see RestartOrder), from how many groups each one runs now. */
  private Future<List<String>> restartOrder() {
    return status.get().map(s -> {
      Map<String, Integer> held = new HashMap<>();
      s.getJsonArray("groups", new JsonArray()).stream().map(o -> (JsonObject) o)
          .filter(g -> g.getString("server") != null && !"offline".equals(g.getString("state")))
          .forEach(g -> held.merge(g.getString("server"), 1, Integer::sum));
      return RestartOrder.of(serverNames(), held);
    });
  }

  /** Null when the apply may go on, else the answer to give. */
  private Future<JsonObject> preconditions(ConfigCheck.Outcome outcome) {
    if (!outcome.valid()) {
      JsonArray problems = new JsonArray(outcome.problems().stream()
          .map(p -> new JsonObject().put("path", p.path()).put("message", p.message())).toList());
      return Future.succeededFuture(new JsonObject().put("status", 422).put("body", new JsonObject()
          .put("applied", false).put("message", "the configuration is not valid").put("problems", problems)));
    }
    if (outcome.fingerprint().equals(running.fingerprint())) {
      return Future.succeededFuture(result(200, false, outcome.fingerprint(), "the cluster already runs this configuration", Map.of()));
    }
    Set<String> now = Set.copyOf(serverNames());
    if (!now.equals(Set.copyOf(outcome.servers()))) {
      return Future.succeededFuture(result(409, false, outcome.fingerprint(), "the server list changes from " + serverNames()
          + " to " + outcome.servers() + ": install the file on every server and restart them instead", Map.of()));
    }
    return status.get().map(s -> {
      List<String> notOnline = s.getJsonArray("servers", new JsonArray()).stream().map(o -> (JsonObject) o)
          .filter(o -> !"online".equals(o.getString("state"))).map(o -> o.getString("name") + " is " + o.getString("state"))
          .toList();
      return notOnline.isEmpty() ? null : result(409, false, outcome.fingerprint(),
          "every server must be online to apply: " + String.join(", ", notOnline), Map.of());
    });
  }

  private Future<JsonObject> distribute(Step prepare, ApplyPlan plan, List<String> order) {
    JsonObject planJson = PlanJson.toJson(plan, order);
    return everyServer(prepare).compose(prepared -> {
      boolean all = prepared.values().stream().allMatch(Answer::ok);
      Step next = new Step(all ? Phase.COMMIT : Phase.ABORT, prepare.version(), prepare.base(), null, prepare.user(),
          order);
      return everyServer(next).map(done -> {
        if (!all) {
          return withPlan(result(409, false, prepare.version(), "refused; no server changed its configuration", prepared),
              planJson);
        }
        boolean committed = done.values().stream().allMatch(Answer::ok);
        return withPlan(committed
            ? result(200, true, prepare.version(), "installed on every server; " + whatHappens(plan, order), done)
            : result(500, false, prepare.version(), "a server failed to install the staged file; see servers", done),
            planJson);
      });
    });
  }

  static String whatHappens(ApplyPlan plan, List<String> order) {
    return switch (plan.impact()) {
      case ROLLING -> "the cluster service restarts one server at a time: " + String.join(", then ", order);
      case ALL_AT_ONCE -> "every server restarts its cluster service now (short outage)";
      default -> plan.summary();
    };
  }

  private static JsonObject withPlan(JsonObject result, JsonObject plan) {
    result.getJsonObject("body").put("plan", plan);
    return result;
  }

  /** Sends a step to every server at once; silence counts as a refusal. */
  private Future<Map<String, Answer>> everyServer(Step step) {
    Map<String, Answer> answers = new LinkedHashMap<>();
    List<Future<Answer>> calls = serverNames().stream().map(s -> vertx.eventBus()
        .request(Addresses.nodeConfig(s), seal.seal(step.toJson()), new DeliveryOptions().setSendTimeout(STEP_TIMEOUT_MS))
        .map(m -> Answer.fromJson(seal.open(m.body())))
        .recover(e -> Future.succeededFuture(new Answer(false, s + ": no answer (" + e.getMessage() + ")")))
        .onSuccess(a -> answers.put(s, a))).toList();
    return Future.join(calls).map(cf -> {
      Map<String, Answer> ordered = new LinkedHashMap<>();
      serverNames().forEach(s -> ordered.put(s, answers.get(s)));
      return ordered;
    });
  }

  private List<String> serverNames() {
    return running.servers().stream().map(ServerConfig::name).toList();
  }

  private static JsonObject result(int status, boolean applied, String version, String message, Map<String, Answer> servers) {
    JsonObject per = new JsonObject();
    servers.forEach((s, a) -> per.put(s, new JsonObject().put("ok", a.ok()).put("message", a.message())));
    return new JsonObject().put("status", status).put("body", new JsonObject().put("applied", applied)
        .put("version", version).put("message", message).put("servers", per));
  }
}
