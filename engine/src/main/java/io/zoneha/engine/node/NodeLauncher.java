package io.zoneha.engine.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.zoneha.engine.apply.ApplyPlan;
import io.zoneha.engine.bus.Addresses;
import io.zoneha.engine.bus.ConfigMessages;
import io.zoneha.engine.bus.GroupMessages;
import io.zoneha.engine.bus.Membership;
import io.zoneha.engine.bus.MonitorMessages;
import io.zoneha.engine.bus.WitnessMessages;
import io.zoneha.engine.config.NpTarget;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.config.ServerConfig;
import io.zoneha.engine.group.GroupManagerVerticle;
import io.zoneha.engine.group.GroupRunner;
import io.zoneha.engine.heartbeat.HeartbeatVerticle;
import io.zoneha.engine.heartbeat.LivenessChange;
import io.zoneha.engine.membership.MembershipVerticle;
import io.zoneha.engine.monitor.MonitorVerticle;
import io.zoneha.engine.spi.MonitorContext;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.NodeServices;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.engine.spi.TypeRegistry;
import io.zoneha.engine.status.StatusParts;
import io.zoneha.engine.status.StatusVerticle;
import io.zoneha.engine.time.Clock;
import io.zoneha.engine.witness.WitnessVerticle;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one ZoneHA node: a clustered Vert.x on Hazelcast, then one verticle per concern
 * (status, heartbeat, membership, groups, monitors, plus extras such as the management API).
 */
public final class NodeLauncher {
  private static final Logger log = LoggerFactory.getLogger(NodeLauncher.class);

  /** Replaced by {@link #install} when a configuration is taken without a restart. */
  private volatile ClusterConfig config;
  private final ServerConfig self;
  private final TypeRegistry types;
  private final Path stateDir;
  private final NodeServices services = new NodeServices();
  private Vertx vertx;
  private GroupManagerVerticle groups;
  private MonitorVerticle monitorVerticle;
  /** Live installs run one after the other: a second apply waits until the first one's restarts are done. */
  private Future<?> installing = Future.succeededFuture();
  private Future<Void> stopping;

  public NodeLauncher(ClusterConfig config, String server, TypeRegistry types, Path stateDir) {
    this.config = config;
    this.self = config.server(server).orElseThrow(() -> new IllegalArgumentException("unknown server " + server));
    this.types = types;
    this.stateDir = stateDir;
  }

  public NodeServices services() {
    return services;
  }

  /** Starts the node; {@code extras} build further verticles (management API, ...) once it runs. */
  public Future<Vertx> start(List<Function<NodeLauncher, io.vertx.core.Deployable>> extras) {
    HazelcastClusterManager cm = new HazelcastClusterManager(HazelcastSetup.config(config, self));
    EventBusOptions eb = new EventBusOptions().setHost(self.primaryAddress())
        .setPort(self.busPort() + HazelcastSetup.EVENT_BUS_PORT_OFFSET)
        .setClusterPublicHost(self.primaryAddress());
    return Vertx.builder().with(new VertxOptions().setEventBusOptions(eb)).withClusterManager(cm).buildClustered()
        .compose(v -> {
          vertx = v;
          registerCodecs(v);
          ClusterManagerWatch.start(v, cm, config);
          return deployCore(v);
        })
        .compose(v -> deployExtras(extras))
        .map(v -> {
          vertx.eventBus().<String>localConsumer(Addresses.SHUTDOWN, m -> stopAndExit(m.body()));
          log.info("node {} of cluster {} is running (config {})", self.name(), config.name(), config.fingerprint());
          return vertx;
        });
  }

  public Vertx vertx() {
    return vertx;
  }

  public ClusterConfig config() {
    return config;
  }

  public String server() {
    return self.name();
  }

  private static void registerCodecs(Vertx v) {
    io.zoneha.engine.bus.LocalCodec.register(v, LivenessChange.class, Membership.PeerLost.class,
        Membership.PeerJoined.class, Membership.ClaimsChanged.class, Membership.Isolation.class,
        Membership.StartupComplete.class, Membership.Suspect.class, GroupMessages.Command.class,
        GroupMessages.Reply.class, GroupMessages.LocalClaims.class, GroupMessages.Recovery.class,
        MonitorMessages.Control.class, ConfigMessages.Installed.class, StatusParts.Groups.class, StatusParts.Monitors.class,
        StatusParts.Membership.class, StatusParts.Details.class, StatusParts.Witness.class,
        WitnessMessages.Query.class, WitnessMessages.View.class);
  }

  private Future<?> deployCore(Vertx v) {
    // shared with the resource operations verticle and replaced per group by a live install
    Map<String, GroupRunner> runners = new ConcurrentHashMap<>();
    for (GroupConfig g : config.groups()) {
      if (g.startupServers().contains(self.name())) {
        runners.put(g.name(), runner(v, config, g));
      }
    }
    groups = new GroupManagerVerticle(config, self.name(), runners);
    Map<String, MonitorDriver> monitors = new LinkedHashMap<>();
    for (MonitorConfig m : config.monitors()) {
      monitors.put(m.name(), monitorDriver(v, config, m));
    }
    monitorVerticle = new MonitorVerticle(config, self.name(), monitors);
    return v.deployVerticle(new StatusVerticle(config, self.name()))
        .compose(x -> deployWitness(v))
        .compose(x -> v.deployVerticle(new MembershipVerticle(config, self.name(), Clock.SYSTEM)))
        .compose(x -> v.deployVerticle(groups))
        .compose(x -> v.deployVerticle(new io.zoneha.engine.group.ResourceOperationsVerticle(config, self.name(), runners)))
        .compose(x -> v.deployVerticle(monitorVerticle))
        .compose(x -> v.deployVerticle(new ClusterControlVerticle(config.secret())))
        .compose(x -> v.deployVerticle(new HeartbeatVerticle(config, self.name(), Clock.SYSTEM)));
  }

  /** The witness client, when the np list names a witness (validation allows at most one). */
  private Future<?> deployWitness(Vertx v) {
    return config.np().stream().filter(NpTarget.Witness.class::isInstance).map(NpTarget.Witness.class::cast).findFirst()
        .<Future<?>>map(w -> v.deployVerticle(new WitnessVerticle(config, self.name(), w, Clock.SYSTEM)))
        .orElse(Future.succeededFuture());
  }

  private GroupRunner runner(Vertx v, ClusterConfig cfg, GroupConfig g) {
    Map<String, ResourceDriver> drivers = new HashMap<>();
    for (ResourceConfig r : g.resources()) {
      drivers.put(r.name(), types.resource(r.type()).orElseThrow().create(new ResourceContext(v, cfg,
          self.name(), g.name(), r, r.paramsFor(self.name()), stateDir, services)));
    }
    return new GroupRunner(g, drivers, () -> groups.publishSoon());
  }

  private MonitorDriver monitorDriver(Vertx v, ClusterConfig cfg, MonitorConfig m) {
    return types.monitor(m.type()).orElseThrow().create(new MonitorContext(v, cfg, self.name(), m,
        m.paramsFor(self.name()), stateDir, services));
  }

  /**
   * Takes a configuration that needs no cluster service restart ({@link ApplyPlan#restartsClusterService()}
   * is false), in this running node: tells every verticle that keeps a copy, then restarts the
   * plan's monitors and, in place, the plan's groups. Nothing else stops. Completes with what
   * happened to each restarted group.
   */
  public Future<List<String>> install(ClusterConfig next, String yamlText, ApplyPlan plan) {
    if (plan.restartsClusterService()) {
      return Future.failedFuture(new IllegalArgumentException("plan " + plan.impact().wire() + " needs a cluster service restart"));
    }
    if (!next.name().equals(config.name()) || !next.secret().equals(config.secret())) {
      return Future.failedFuture(new IllegalArgumentException("a live install keeps the cluster name and secret"));
    }
    Future<List<String>> done = installing.transform(ar -> installNow(next, yamlText, plan));
    installing = done;
    return done;
  }

  private Future<List<String>> installNow(ClusterConfig next, String yamlText, ApplyPlan plan) {
    log.info("taking configuration {} live ({}): {}", next.fingerprint(), plan.impact().wire(), plan.summary());
    ClusterConfig before = config;
    config = next;
    vertx.eventBus().publish(Addresses.CONFIG_INSTALLED, new ConfigMessages.Installed(next, yamlText, plan));
    // unchanged monitors keep their schedule and error counts
    Future<Void> monitors = before.monitors().equals(next.monitors()) ? Future.succeededFuture()
        : monitorVerticle.install(next, java.util.Set.copyOf(plan.restartMonitors()), m -> monitorDriver(vertx, next, m));
    return monitors.compose(v -> groups.install(next, plan.restartGroups(), g -> runner(vertx, next, g)));
  }

  private Future<?> deployExtras(List<Function<NodeLauncher, io.vertx.core.Deployable>> extras) {
    Future<?> f = Future.succeededFuture();
    for (Function<NodeLauncher, io.vertx.core.Deployable> e : extras) {
      f = f.compose(x -> vertx.deployVerticle(e.apply(this)));
    }
    return f;
  }

  /** Stops groups here (they fail over when a peer can take them), then leaves the cluster. */
  public synchronized Future<Void> stop(String reason) {
    if (stopping != null) {
      return stopping;
    }
    if (vertx == null) {
      return Future.succeededFuture();
    }
    log.warn("stopping the cluster service on {}: {}", self.name(), reason);
    stopping = groups.stopAll().eventually(() -> vertx.close()).onComplete(ar -> services.close());
    return stopping;
  }

  private void stopAndExit(String reason) {
    stop(reason).onComplete(ar -> new Thread(() -> System.exit(0), "zoneha-exit").start());
  }
}
