package io.zoneha.web;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.zoneha.engine.config.ClusterConfig;

/** The running configuration (redacted) and validation of an uploaded one. */
final class ConfigHandlers {
  private final Vertx vertx;
  private final ClusterConfig config;
  private final String yamlText;
  private final ConfigCheck check;

  ConfigHandlers(Vertx vertx, ClusterConfig config, String yamlText, ConfigCheck check) {
    this.vertx = vertx;
    this.config = config;
    this.yamlText = yamlText;
    this.check = check;
  }

  void get(RoutingContext ctx) {
    if (yamlText == null) {
      Http.error(ctx, 404, "config: this node was started without the text of its cluster.yaml");
      return;
    }
    Http.json(ctx, 200, new JsonObject().put("cluster", config.name()).put("fingerprint", config.fingerprint())
        .put("yaml", ConfigRedactor.redact(yamlText)));
  }

  void validate(RoutingContext ctx) {
    String raw = ctx.body() == null ? null : ctx.body().asString();
    String text = raw == null ? "" : raw;
    if (text.isBlank()) {
      throw new Http.BadInput("body", "empty; send the cluster.yaml text");
    }
    // the loader may read a secretFile: a blocking call; a masked secret means "the running one"
    String restored = ConfigRedactor.restoreSecret(text, config.secret());
    vertx.executeBlocking(() -> check.check(restored)).onSuccess(o -> {
      JsonArray problems = new JsonArray(o.problems().stream()
          .map(p -> new JsonObject().put("path", p.path()).put("message", p.message())).toList());
      JsonObject j = new JsonObject().put("valid", o.valid()).put("problems", problems);
      if (o.valid()) {
        j.put("cluster", o.cluster()).put("fingerprint", o.fingerprint());
        // what an apply of this file would do, shown to the operator before they confirm
        j.put("plan", PlanJson.toJson(PlanJson.plan(config, o.config()), null));
      }
      Http.json(ctx, 200, j);
    }).onFailure(ctx::fail);
  }
}
