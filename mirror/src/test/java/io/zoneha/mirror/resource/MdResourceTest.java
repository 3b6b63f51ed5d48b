package io.zoneha.mirror.resource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.FinalAction;
import io.zoneha.engine.config.GroupConfig;
import io.zoneha.engine.config.MonitorConfig;
import io.zoneha.engine.config.Params;
import io.zoneha.engine.config.ResourceConfig;
import io.zoneha.engine.config.ServerConfig;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.FieldProblem;
import io.zoneha.engine.spi.MonitorContext;
import io.zoneha.engine.spi.MonitorDriver;
import io.zoneha.engine.spi.MonitorResult;
import io.zoneha.engine.spi.MonitorType;
import io.zoneha.engine.spi.NodeServices;
import io.zoneha.engine.spi.Reason;
import io.zoneha.engine.spi.ResourceContext;
import io.zoneha.engine.spi.ResourceDriver;
import io.zoneha.engine.spi.ResourceOperation;
import io.zoneha.engine.spi.ResourceType;
import io.zoneha.engine.spi.TypeRegistry;
import io.zoneha.mirror.Await;
import io.zoneha.mirror.MirrorDisk;
import io.zoneha.mirror.MirrorPair;
import io.zoneha.mirror.replication.PeerState;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes' md drivers in one JVM on 127.0.0.1, found through the type registry. */
@Timeout(60)
class MdResourceTest {
  @TempDir Path dir;
  private Vertx vertx;
  private final NodeServices node1 = new NodeServices();
  private final NodeServices node2 = new NodeServices();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    node1.close();
    node2.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private ResourceConfig resource() throws Exception {
    Map<String, Map<String, Object>> per = new HashMap<>();
    for (String s : List.of("s1", "s2")) {
      per.put(s, Map.of("dataPath", dir.resolve(s + ".data").toString(),
          "clusterPath", dir.resolve(s + ".meta").toString(),
          "mirrorPort", freePort(), "nbdPort", freePort(),
          "commands", List.of("echo \"$ZONEHA_NBD_PORT\" > " + dir.resolve(s + ".activated"))));
    }
    return new ResourceConfig("md1", "md", List.of(), new ResourceConfig.Recovery(0, 1, FinalAction.NONE),
        new ResourceConfig.Recovery(0, 0, FinalAction.NONE),
        Map.of("size", "16M", "bitmapGranularity", "64K", "mode", "sync"), per);
  }

  private static ClusterConfig cluster(ResourceConfig md) {
    List<ServerConfig> servers = List.of(
        new ServerConfig("s1", "az1", List.of("127.0.0.1"), "127.0.0.1", 0, 0),
        new ServerConfig("s2", "az2", List.of("127.0.0.1"), "127.0.0.1", 0, 0));
    GroupConfig g = new GroupConfig("failover1", List.of("s1", "s2"), true, false, List.of(md));
    return new ClusterConfig("c", "secret", servers, null, List.of(), null, null, List.of(g), List.of(), "fp");
  }

  private ResourceDriver driver(ResourceType type, ClusterConfig c, ResourceConfig md, String server, NodeServices ns) {
    return type.create(new ResourceContext(vertx, c, server, "failover1", md, md.paramsFor(server), dir, ns));
  }

  private MonitorDriver monitor(MonitorType type, ClusterConfig c, NodeServices ns, String server) {
    MonitorConfig mc = new MonitorConfig("w-" + type.type(), type.type(), Duration.ofSeconds(5), Duration.ofSeconds(60), 1,
        Duration.ZERO, MonitorConfig.MonitorWhen.ALWAYS, null, null, Map.of("mirror", "md1"), Map.of());
    return type.create(new MonitorContext(vertx, c, server, mc, mc.paramsFor(server), dir, ns));
  }

  @Test
  void typesAreRegisteredAndValidateNamesTheField() {
    TypeRegistry reg = TypeRegistry.load();
    ResourceType md = reg.resource("md").orElseThrow();
    assertTrue(reg.monitor("mdw").isPresent());
    assertTrue(reg.monitor("mdnw").isPresent());
    List<FieldProblem> problems = md.validate(Params.of(
        Map.of("clusterPath", "/x", "size", "64M", "mode", "fast", "bitmapGranularity", "1K", "nbdPort", 70000), "md1"));
    List<String> fields = problems.stream().map(FieldProblem::field).toList();
    assertTrue(fields.containsAll(List.of("dataPath", "mode", "bitmapGranularity", "nbdPort")), problems.toString());
    assertEquals(List.of(), md.validate(Params.of(Map.of("dataPath", "/d", "clusterPath", "/c", "size", "64M"), "md1")));
    assertTrue(reg.monitor("mdw").orElseThrow().validate(Params.of(Map.of(), "w")).get(0).field().equals("mirror"));
  }

  @Test
  void activateOnOneNodeThenFailOverToTheOther() throws Exception {
    TypeRegistry reg = TypeRegistry.load();
    ResourceType type = reg.resource("md").orElseThrow();
    ResourceConfig md = resource();
    ClusterConfig c = cluster(md);
    ResourceDriver d1 = driver(type, c, md, "s1", node1);
    ResourceDriver d2 = driver(type, c, md, "s2", node2);
    MonitorDriver mdw1 = monitor(reg.monitor("mdw").orElseThrow(), c, node1, "s1");
    MonitorDriver mdnw1 = monitor(reg.monitor("mdnw").orElseThrow(), c, node1, "s1");
    try {
      Await.until("both copies streaming", MirrorPair.WAIT, () -> streaming(node1) && streaming(node2),
          () -> node1.get(MirrorRegistry.class, MirrorRegistry::new).all() + " / " + node2.get(MirrorRegistry.class, MirrorRegistry::new).all());
      assertEquals(MonitorResult.Status.NORMAL, await(mdw1.check()).status());
      assertEquals(MonitorResult.Status.NORMAL, await(mdnw1.check()).status());

      await(d1.activate(Reason.of("test start")));
      await(d1.activate(Reason.of("idempotent")));
      assertTrue(Files.exists(dir.resolve("s1.activated")), "activation command ran");
      MirrorDisk disk1 = disk(node1);
      disk1.write(4096, MirrorPair.pattern(65536, 5), true).get(10, TimeUnit.SECONDS);

      // the standby refuses to activate while the other node is primary
      ActionFailure refused = assertInstanceOf(ActionFailure.class,
          assertThrows(() -> await(d2.activate(Reason.of("too early")))));
      assertEquals(MirrorErrors.PEER_IS_PRIMARY, refused.code());

      await(d1.deactivate(Reason.of("move group")));
      // as the engine would after 1303 (retry here): s2 takes over once it sees s1 as secondary
      Await.until("s2 sees s1 step down", MirrorPair.WAIT, () -> disk(node2).stats().peerState() == PeerState.STREAMING
          && disk(node2).stats().peerRole() == io.zoneha.mirror.storage.DiskRole.SECONDARY, () -> disk(node2).stats());
      await(d2.activate(Reason.of("failover")));
      ByteBuf got = disk(node2).read(4096, 65536).get(10, TimeUnit.SECONDS);
      byte[] g = new byte[65536];
      got.readBytes(g);
      got.release();
      byte[] e = new byte[65536];
      MirrorPair.pattern(65536, 5).readBytes(e);
      assertArrayEquals(e, g, "the new primary serves the acknowledged write");

      disk(node2).link().disconnect();
      Await.until("mdnw sees the cut", MirrorPair.WAIT,
          () -> check(mdnw1).status() == MonitorResult.Status.ERROR, () -> check(mdnw1));
      assertEquals(MirrorErrors.PEER_DISCONNECTED, check(mdnw1).code());
    } finally {
      await(d1.close());
      await(d2.close());
    }
  }

  @Test
  void operationsPauseResumeVerifyAndRecoverFromSplitBrain() throws Exception {
    ResourceType type = TypeRegistry.load().resource("md").orElseThrow();
    ResourceConfig md = resource();
    ClusterConfig c = cluster(md);
    ResourceDriver d1 = driver(type, c, md, "s1", node1);
    ResourceDriver d2 = driver(type, c, md, "s2", node2);
    try {
      Await.until("both copies streaming", MirrorPair.WAIT, () -> streaming(node1) && streaming(node2), () -> "");
      await(d1.activate(Reason.of("test start")));
      Await.until("s1 reports up to date", MirrorPair.WAIT, () -> "up-to-date".equals(d1.details().get("state")),
          d1::details);
      assertEquals("primary", d1.details().get("role"));

      // pause: writes go on locally, tracked for resync; resume resends them
      await(d1.operate(op("pause", Map.of())));
      await(d2.operate(op("pause", Map.of())));
      assertEquals("paused", d1.details().get("peerState"));
      disk(node1).write(0, MirrorPair.pattern(65536, 7), true).get(10, TimeUnit.SECONDS);
      assertEquals(65536L, d1.details().get("dirtyBytes"));
      await(d1.operate(op("resume", Map.of())));
      await(d2.operate(op("resume", Map.of())));
      Await.until("resynced after resume", MirrorPair.WAIT,
          () -> "up-to-date".equals(d1.details().get("state")) && (Long) d1.details().get("dirtyBytes") == 0L,
          d1::details);

      ResourceOperation.Result verified = await(d1.operate(op("verify", Map.of())));
      assertEquals(0L, verified.data().get("differingBytes"), verified.message());
      assertEquals(true, await(d2.operate(op("verify", Map.of()))).data().get("skipped"));
      assertEquals(98, assertInstanceOf(ActionFailure.class, assertThrows(() -> await(d1.operate(op("flip", Map.of())))))
          .code());

      // both sides write while cut off: split brain, refused until the operator picks s1
      await(d1.operate(op("pause", Map.of())));
      await(d2.operate(op("pause", Map.of())));
      Await.until("s2 sees the cut", MirrorPair.WAIT, () -> !streaming(node2), d2::details);
      await(d2.activate(Reason.of("both sides active")));
      disk(node1).write(0, MirrorPair.pattern(4096, 1), true).get(10, TimeUnit.SECONDS);
      disk(node2).write(0, MirrorPair.pattern(4096, 2), true).get(10, TimeUnit.SECONDS);
      // the cluster stops one side when the partition heals; the copies then meet
      await(d2.deactivate(Reason.of("the group stays on s1")));
      await(d1.operate(op("resume", Map.of())));
      await(d2.operate(op("resume", Map.of())));
      Await.until("split brain reported on both", MirrorPair.WAIT,
          () -> Boolean.TRUE.equals(d1.details().get("splitBrain")) && Boolean.TRUE.equals(d2.details().get("splitBrain")),
          () -> d1.details() + " / " + d2.details());
      assertEquals("split-brain", d2.details().get("state"));
      assertEquals(MirrorErrors.PEER_IS_PRIMARY, assertInstanceOf(ActionFailure.class,
          assertThrows(() -> await(d1.operate(op("recover", Map.of("source", "s2")))))).code(),
          "the primary's copy is not discarded while it serves");
      await(d2.operate(op("recover", Map.of("source", "s1"))));
      await(d1.operate(op("recover", Map.of("source", "s1"))));
      Await.until("s2 took s1's copy", MirrorPair.WAIT,
          () -> "up-to-date".equals(d1.details().get("state")) && "up-to-date".equals(d2.details().get("diskState")),
          () -> d1.details() + " / " + d2.details());
      ByteBuf got = disk(node2).read(0, 4096).get(10, TimeUnit.SECONDS);
      byte[] g = new byte[4096];
      got.readBytes(g);
      got.release();
      byte[] e = new byte[4096];
      MirrorPair.pattern(4096, 1).readBytes(e);
      assertArrayEquals(e, g, "the kept side's write won");
    } finally {
      await(d1.close());
      await(d2.close());
    }
  }

  /**
   * Data partitions that existed before the mirror: activation is refused with 1317, mdw reports
   * the refused pairing (1312), and the CLI's recover --source makes the initial copy.
   */
  @Test
  void newPairOverExistingDataWaitsForTheAdminsChoice() throws Exception {
    byte[] existing = new byte[16 << 20];
    java.util.Arrays.fill(existing, 0, 4096, (byte) 0x42);
    Files.write(dir.resolve("s1.data"), existing);
    Files.write(dir.resolve("s2.data"), new byte[16 << 20]);
    TypeRegistry reg = TypeRegistry.load();
    ResourceType type = reg.resource("md").orElseThrow();
    ResourceConfig md = resource();
    ClusterConfig c = cluster(md);
    ResourceDriver d1 = driver(type, c, md, "s1", node1);
    ResourceDriver d2 = driver(type, c, md, "s2", node2);
    MonitorDriver mdw1 = monitor(reg.monitor("mdw").orElseThrow(), c, node1, "s1");
    try {
      Await.until("the new pair is refused", MirrorPair.WAIT, () -> "refused".equals(d1.details().get("state")),
          d1::details);
      assertEquals(MirrorErrors.PAIR_REFUSED, check(mdw1).code());
      assertTrue(check(mdw1).message().contains("initialCopy"), check(mdw1).message());
      ActionFailure refused = assertInstanceOf(ActionFailure.class, assertThrows(() -> await(d1.activate(Reason.of("start")))));
      assertEquals(MirrorErrors.NO_INITIAL_COPY, refused.code(), refused.getMessage());

      await(d2.operate(op("recover", Map.of("source", "s1"))));
      await(d1.operate(op("recover", Map.of("source", "s1"))));
      Await.until("initial copy from s1 done", MirrorPair.WAIT,
          () -> "up-to-date".equals(d1.details().get("state")) && "up-to-date".equals(d2.details().get("diskState")),
          () -> d1.details() + " / " + d2.details());
      await(d1.activate(Reason.of("start")));
      ByteBuf got = disk(node2).read(0, 4096).get(10, TimeUnit.SECONDS);
      byte[] g = new byte[4096];
      got.readBytes(g);
      got.release();
      assertArrayEquals(java.util.Arrays.copyOf(existing, 4096), g, "s2 holds s1's data");
    } finally {
      await(d1.close());
      await(d2.close());
    }
  }

  private static ResourceOperation op(String name, Map<String, String> args) {
    return new ResourceOperation(name, args, "test");
  }

  private static MonitorResult check(MonitorDriver m) {
    try {
      return await(m.check());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Throwable assertThrows(org.junit.jupiter.api.function.Executable ex) {
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, ex);
    return e.getCause();
  }

  private static MirrorDisk disk(NodeServices ns) {
    return ns.get(MirrorRegistry.class, MirrorRegistry::new).get("md1").orElseThrow();
  }

  private static boolean streaming(NodeServices ns) {
    return ns.get(MirrorRegistry.class, MirrorRegistry::new).get("md1")
        .map(d -> d.stats().peerState() == PeerState.STREAMING).orElse(false);
  }
}
