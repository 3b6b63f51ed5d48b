package io.zoneha.resources.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zoneha.engine.config.AwsConfig;
import io.zoneha.engine.spi.ActionFailure;
import io.zoneha.engine.spi.ActionFailure.Scope;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.ProxyConfiguration;

/** Pure mapping of SDK failures to catalogue numbers and scopes, and the client settings. */
class AwsFailuresTest {
  static AwsServiceException aws(int status, String code) {
    return AwsServiceException.builder().statusCode(status).awsErrorDetails(AwsErrorDetails.builder()
        .errorCode(code).errorMessage("msg").build()).build();
  }

  static ActionFailure vip(Throwable t) {
    return AwsFailures.map(new CompletionException(t), "Op", AwsCodes.Family.VIP);
  }

  @Test
  void mapsCodesAndScopes() {
    assertEquals(Scope.GIVE_UP, vip(aws(400, "InvalidVpcID.NotFound")).scope());
    assertEquals(Scope.FAIL_OVER, vip(aws(400, "InvalidNetworkInterfaceID.NotFound")).scope());
    assertEquals(Scope.FAIL_OVER, vip(aws(403, "UnauthorizedOperation")).scope());
    assertEquals(Scope.RETRY_HERE, vip(aws(503, "RequestLimitExceeded")).scope());
    assertEquals(Scope.RETRY_HERE, vip(aws(500, "InternalError")).scope());
    assertEquals(Scope.GIVE_UP, vip(aws(404, "NoSuchHostedZone")).scope());
    assertEquals(50, vip(aws(400, "InvalidVpcID.NotFound")).code());
    assertEquals(1, vip(ApiCallTimeoutException.create(1000)).code());
    assertEquals(6, AwsFailures.map(ApiCallTimeoutException.create(1000), "Op", AwsCodes.Family.STANDARD).code());
    assertEquals(5, AwsFailures.map(SdkClientException.create("refused"), "Op", AwsCodes.Family.STANDARD).code());
    assertEquals(99, AwsFailures.map(new IllegalStateException("x"), "Op", AwsCodes.Family.STANDARD).code());
    assertTrue(vip(aws(400, "InvalidVpcID.NotFound")).getMessage().contains("InvalidVpcID.NotFound"));
  }

  @Test
  void retriesOnlyThrottlingAndServerErrors() {
    assertTrue(AwsFailures.retryable(aws(503, "RequestLimitExceeded")));
    assertTrue(AwsFailures.retryable(aws(400, "Throttling")));
    assertTrue(AwsFailures.retryable(aws(502, "Bad")));
    assertFalse(AwsFailures.retryable(aws(400, "InvalidVpcID.NotFound")));
    assertFalse(AwsFailures.retryable(aws(403, "UnauthorizedOperation")));
    assertFalse(AwsFailures.retryable(SdkClientException.create("refused")));
  }

  @Test
  void clientSettingsFollowTheConfig() {
    ProxyConfiguration p = AwsClients.proxy("http://proxy.internal:3128");
    assertEquals("proxy.internal", p.host());
    assertEquals(3128, p.port());
    assertEquals("http", p.scheme());
    AwsConfig c = new AwsConfig(Optional.of("eu-west-1"), Optional.empty(), Optional.empty(), Optional.empty(),
        Duration.ofSeconds(7), 2);
    assertEquals("eu-west-1", AwsClients.region(c).id());
    var o = AwsClients.overrides(c, AwsClients.Options.defaults());
    assertEquals(Duration.ofSeconds(7), o.apiCallTimeout().orElseThrow());
    assertEquals(3, o.retryStrategy().orElseThrow().maxAttempts());
  }
}
