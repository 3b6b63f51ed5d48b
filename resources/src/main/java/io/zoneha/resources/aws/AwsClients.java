package io.zoneha.resources.aws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zoneha.engine.config.AwsConfig;
import io.zoneha.engine.spi.NodeServices;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.ProxyConfiguration;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/**
 * One node's EC2 and Route 53 clients: async, on the SDK's Netty client with its own two-thread
 * event loop group (the SDK cannot run on Vert.x 5's group), results handed back on the caller's
 * Vert.x context. Credentials come from the SDK's default chain (environment, system properties,
 * profile files, IMDSv2 instance role) unless {@link Options} gives a provider.
 */
public final class AwsClients implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AwsClients.class);
  /** Route 53 is a global service signed for us-east-1, whatever the cluster's region. */
  private static final Region ROUTE53_SIGNING_REGION = Region.US_EAST_1;

  /** Knobs beyond cluster.yaml, for tests and the emulator-backed demo. */
  public record Options(Optional<AwsCredentialsProvider> credentials, Duration baseBackoff,
      Duration maxBackoff) {
    public static Options defaults() {
      return new Options(Optional.empty(), Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    public Options withCredentials(AwsCredentialsProvider p) {
      return new Options(Optional.of(p), baseBackoff, maxBackoff);
    }

    public Options withBackoff(Duration base, Duration max) {
      return new Options(credentials, base, max);
    }
  }

  private final Vertx vertx;
  private final AwsConfig config;
  private final SdkEventLoopGroup loops;
  private final SdkAsyncHttpClient http;
  private final Ec2AsyncClient ec2;
  private final Route53AsyncClient route53;

  public AwsClients(Vertx vertx, AwsConfig config, Options options) {
    this.vertx = vertx;
    this.config = config;
    this.loops = SdkEventLoopGroup.builder().numberOfThreads(2).threadFactory(threads()).build();
    NettyNioAsyncHttpClient.Builder hb = NettyNioAsyncHttpClient.builder().eventLoopGroup(loops)
        .connectionTimeout(Duration.ofMillis(Math.min(config.callTimeout().toMillis(), 5000)));
    config.httpsProxy().ifPresent(p -> hb.proxyConfiguration(proxy(p)));
    this.http = hb.build();
    AwsCredentialsProvider creds = options.credentials()
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    ClientOverrideConfiguration override = overrides(config, options);
    Region region = region(config);
    var eb = Ec2AsyncClient.builder().httpClient(http).credentialsProvider(creds).region(region)
        .overrideConfiguration(override);
    config.ec2Endpoint().ifPresent(e -> eb.endpointOverride(URI.create(e)));
    this.ec2 = eb.build();
    var rb = Route53AsyncClient.builder().httpClient(http).credentialsProvider(creds)
        .region(ROUTE53_SIGNING_REGION).overrideConfiguration(override);
    config.route53Endpoint().ifPresent(e -> rb.endpointOverride(URI.create(e)));
    this.route53 = rb.build();
  }

  /** The node's shared clients, made on first use from cluster.yaml's {@code aws:} section. */
  public static AwsClients forNode(NodeServices services, Vertx vertx, AwsConfig config) {
    AwsConfig c = config == null ? AwsConfig.defaults() : config;
    return services.get(AwsClients.class, () -> new AwsClients(vertx, c, Options.defaults()));
  }

  public AwsConfig config() {
    return config;
  }

  /** Runs one EC2 call; failures become an ActionFailure with {@code codes}. */
  public <T> Future<T> ec2(String operation, AwsCodes.Family codes,
      Function<Ec2AsyncClient, CompletableFuture<T>> call) {
    return run(operation, codes, () -> call.apply(ec2));
  }

  /** Runs one Route 53 call; failures become an ActionFailure with {@code codes}. */
  public <T> Future<T> route53(String operation, AwsCodes.Family codes,
      Function<Route53AsyncClient, CompletableFuture<T>> call) {
    return run(operation, codes, () -> call.apply(route53));
  }

  private <T> Future<T> run(String operation, AwsCodes.Family codes,
      java.util.function.Supplier<CompletableFuture<T>> call) {
    Context ctx = vertx.getOrCreateContext();
    CompletableFuture<T> cf;
    try {
      cf = call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(AwsFailures.map(e, operation, codes));
    }
    return Future.fromCompletionStage(cf, ctx)
        .recover(t -> Future.failedFuture(AwsFailures.map(t, operation, codes)));
  }

  static ClientOverrideConfiguration overrides(AwsConfig config, Options options) {
    BackoffStrategy backoff = BackoffStrategy.exponentialDelay(options.baseBackoff(), options.maxBackoff());
    var retry = StandardRetryStrategy.builder()
        .maxAttempts(Math.max(1, config.maxRetries() + 1))
        .retryOnException(AwsFailures::retryable)
        .treatAsThrottling(AwsFailures::throttling)
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .circuitBreakerEnabled(false)
        .build();
    return ClientOverrideConfiguration.builder()
        .apiCallTimeout(config.callTimeout())
        .apiCallAttemptTimeout(config.callTimeout())
        .retryStrategy(retry)
        .build();
  }

  /** The configured region; else the SDK's chain (environment, profile, instance metadata). */
  static Region region(AwsConfig config) {
    if (config.region().isPresent()) {
      return Region.of(config.region().get());
    }
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (RuntimeException e) {
      LOG.warn("no AWS region configured or discoverable ({}); using us-east-1", e.getMessage());
      return Region.US_EAST_1;
    }
  }

  static ProxyConfiguration proxy(String url) {
    URI u = URI.create(url);
    if (u.getHost() == null) {
      throw new IllegalArgumentException("aws.httpsProxy: not a URL with a host: " + url);
    }
    String scheme = u.getScheme() == null ? "http" : u.getScheme();
    int port = u.getPort() > 0 ? u.getPort() : ("https".equals(scheme) ? 443 : 80);
    return ProxyConfiguration.builder().scheme(scheme).host(u.getHost()).port(port)
        .useSystemPropertyValues(false).useEnvironmentVariableValues(false).build();
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "zoneha-aws-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    ec2.close();
    route53.close();
    http.close();
    loops.eventLoopGroup().shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }
}
