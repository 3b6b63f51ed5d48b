package io.zoneha.engine.group;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ClusterSeal;
import io.zoneha.engine.bus.ResourceMessages.Answer;
import io.zoneha.engine.bus.ResourceMessages.Request;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.spi.ActionFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries operator resource operations (md verify, pause, resume, recover) from the management
 * API of any node to this node's resource drivers, and their answers back.
 */
public final class ResourceOperationsVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(ResourceOperationsVerticle.class);

  private final String self;
  private final Map<String, GroupRunner> runners;
  private final ClusterSeal seal;

  public ResourceOperationsVerticle(ClusterConfig config, String self, Map<String, GroupRunner> runners) {
    this.self = self;
    this.runners = runners;
    this.seal = new ClusterSeal(config.secret());
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().consumer(Addresses.nodeResources(self), this::onRequest);
    return Future.succeededFuture();
  }

  private void onRequest(Message<Object> msg) {
    Request req;
    try {
      req = Request.fromJson(seal.open(msg.body()));
    } catch (SecurityException e) {
      log.warn("rejected a message on {}: {}", Addresses.nodeResources(self), e.getMessage());
      msg.fail(403, e.getMessage());
      return;
    }
    GroupRunner runner = runners.get(req.group());
    var driver = runner == null ? java.util.Optional.<io.zoneha.engine.spi.ResourceDriver>empty()
        : runner.driver(req.resource());
    if (driver.isEmpty()) {
      reply(msg, new Answer(self, false, 98, "resource " + req.resource() + " of group " + req.group()
          + " does not run on " + self, new JsonObject()));
      return;
    }
    log.info("resource {}: operation {} {} asked by {}", req.resource(), req.op(), req.args(), req.user());
    Future<io.zoneha.engine.spi.ResourceOperation.Result> f;
    try {
      f = driver.get().operate(req.operation());
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      if (ar.succeeded()) {
        reply(msg, new Answer(self, true, 0, ar.result().message(),
            new JsonObject(new LinkedHashMap<>(ar.result().data()))));
      } else {
        ActionFailure af = ActionFailure.of(ar.cause(), 99);
        reply(msg, new Answer(self, false, af.code(), af.getMessage(), new JsonObject()));
      }
    });
  }

  private void reply(Message<Object> msg, Answer a) {
    msg.reply(seal.seal(a.toJson()));
  }
}
