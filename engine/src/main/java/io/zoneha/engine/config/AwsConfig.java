package io.zoneha.engine.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How nodes reach AWS. Empty endpoints mean the public regional endpoints; set them for VPC
 * endpoints or the bundled emulator. Credentials always come from the SDK's default chain.
 */
public record AwsConfig(
    Optional<String> region,
    Optional<String> ec2Endpoint,
    Optional<String> route53Endpoint,
    Optional<String> httpsProxy,
    Duration callTimeout,
    int maxRetries) {

  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_RETRIES = 3;

  public static AwsConfig defaults() {
    return new AwsConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_RETRIES);
  }
}
