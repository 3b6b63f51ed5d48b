package io.zoneha.engine.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zoneha.engine.apply.ConfigDiffTest;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.GroupMessages;
import io.zoneha.engine.bus.LocalCodec;
import io.zoneha.engine.bus.MonitorMessages;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.engine.status.StatusParts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MonitorVerticle.install on a real (non-clustered) Vert.x: which drivers are kept, closed, built. */
class MonitorInstallTest {
  private final Vertx vertx = Vertx.vertx();
  private final Map<String, CountingDriver> built = new ConcurrentHashMap<>();

  /** A check that counts its calls and whether it was closed. */
  static final class CountingDriver implements MonitorDriver {
    final AtomicInteger checks = new AtomicInteger();
    volatile boolean closed;

    @Override
    public Future<MonitorResult> check() {
      checks.incrementAndGet();
      return Future.succeededFuture(MonitorResult.normal());
    }

    @Override
    public Future<Void> close() {
      closed = true;
      return Future.succeededFuture();
    }
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static MonitorConfig fast(MonitorConfig m, Map<String, Object> params) {
    return new MonitorConfig(m.name(), m.type(), Duration.ofMillis(20), m.timeout(), m.retries(), Duration.ZERO,
        MonitorConfig.MonitorWhen.ALWAYS, null, m.recovery(), params, m.perServer());
  }

  private static ClusterConfig config(List<MonitorConfig> monitors) {
    ClusterConfig c = ConfigDiffTest.RUNNING;
    return new ClusterConfig(c.name(), c.secret(), c.servers(), c.heartbeat(), c.np(), c.management(), c.aws(), c.groups(),
        monitors, "fp-" + monitors.hashCode());
  }

  private CountingDriver build(MonitorConfig m) {
    CountingDriver d = new CountingDriver();
    built.put(m.name(), d);
    return d;
  }

  @Test
  void keptDriversGoOnChecksRestartedOnesAreReplacedAndRemovedOnesClosed() throws Exception {
    LocalCodec.register(vertx, StatusParts.Monitors.class, StatusParts.Groups.class, GroupMessages.Recovery.class,
        MonitorMessages.Control.class);
    MonitorConfig appw = fast(ConfigDiffTest.APPW, ConfigDiffTest.APPW.params());
    MonitorConfig pingw = fast(ConfigDiffTest.PINGW, ConfigDiffTest.PINGW.params());
    ClusterConfig before = config(List.of(appw, pingw));
    CountingDriver appDriver = build(appw);
    CountingDriver pingDriver = build(pingw);
    MonitorVerticle v = new MonitorVerticle(before, "node1", Map.of("appw", appDriver, "pingw", pingDriver));
    vertx.deployVerticle(v).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    await(() -> appDriver.checks.get() > 0 && pingDriver.checks.get() > 0, "both monitors check");
    vertx.eventBus().request(Addresses.MONITOR_CONTROL, new MonitorMessages.Control("appw", true, "alice"))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    // pingw's address changes (restart), a third monitor appears; appw stays and stays suspended
    MonitorConfig pingw2 = fast(ConfigDiffTest.PINGW, Map.of("address", "10.0.0.9"));
    MonitorConfig extra = new MonitorConfig("extraw", "ipw", Duration.ofMillis(20), Duration.ofSeconds(5), 1, Duration.ZERO,
        MonitorConfig.MonitorWhen.ALWAYS, null, pingw.recovery(), Map.of(), Map.of());
    v.install(config(List.of(appw, pingw2, extra)), Set.of("pingw"), this::build)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertTrue(pingDriver.closed, "the restarted monitor's old driver is closed");
    assertFalse(appDriver.closed, "a kept monitor keeps its driver");
    assertNotSame(pingDriver, built.get("pingw"));
    assertSame(appDriver, built.get("appw"), "nothing built for appw");
    await(() -> built.get("pingw").checks.get() > 0 && built.get("extraw").checks.get() > 0, "new drivers check");
    int suspendedChecks = appDriver.checks.get();
    int pingChecks = pingDriver.checks.get();
    await(() -> built.get("pingw").checks.get() > 5, "several more checks");
    assertEquals(suspendedChecks, appDriver.checks.get(), "appw stayed suspended across the install");
    assertEquals(pingChecks, pingDriver.checks.get(), "the old pingw driver is no longer called");

    // extraw removed: closed, never called again
    CountingDriver extraDriver = built.get("extraw");
    v.install(config(List.of(appw, pingw2)), Set.of(), this::build).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    assertTrue(extraDriver.closed);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }
}
