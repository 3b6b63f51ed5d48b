package io.zoneha.resources.aws;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.zoneha.engine.spi.NodeServices;
import io.zoneha.engine.spi.Reason;
import io.zoneha.resources.aws.emulator.AwsEmulator;
import io.zoneha.resources.aws.emulator.EmulatorFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** One fresh emulator per test, and the node services the test created closed after it. */
@ExtendWith(VertxExtension.class)
abstract class EmulatorTestBase {
  static final Reason WHY = Reason.of("test");
  static Vertx vertx;
  AwsEmulator emu;
  final List<NodeServices> services = new ArrayList<>();

  @BeforeAll
  static void init(Vertx v) {
    vertx = v;
  }

  @BeforeEach
  void start() {
    emu = EmulatorFixture.start(vertx);
  }

  @AfterEach
  void stop() {
    services.forEach(NodeServices::close);
    emu.close().await();
  }
}
