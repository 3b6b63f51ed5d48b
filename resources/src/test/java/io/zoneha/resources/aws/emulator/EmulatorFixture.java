package io.zoneha.resources.aws.emulator;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/** Starts the emulator on an ephemeral loopback port with the test state; builds plain SDK clients. */
public final class EmulatorFixture {
  private EmulatorFixture() {}

  public static String testState() {
    try (InputStream in = EmulatorFixture.class.getResourceAsStream("/emulator-test.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static AwsEmulator start(Vertx vertx) {
    AwsEmulator emu = new AwsEmulator(vertx, testState());
    emu.start(0).await();
    return emu;
  }

  public static StaticCredentialsProvider creds(String accessKey) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "test-secret"));
  }

  private static ClientOverrideConfiguration noRetries() {
    return ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(5))
        .retryStrategy(b -> b.maxAttempts(1)).build();
  }

  public static Ec2AsyncClient ec2(AwsEmulator emu, String accessKey) {
    return Ec2AsyncClient.builder().endpointOverride(URI.create(emu.endpoint()))
        .region(Region.US_EAST_1).credentialsProvider(creds(accessKey))
        .overrideConfiguration(noRetries()).build();
  }

  public static Route53AsyncClient route53(AwsEmulator emu, String accessKey) {
    return Route53AsyncClient.builder().endpointOverride(URI.create(emu.endpoint()))
        .region(Region.US_EAST_1).credentialsProvider(creds(accessKey))
        .overrideConfiguration(noRetries()).build();
  }
}
