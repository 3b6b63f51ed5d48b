package io.zoneha.node;

import io.vertx.core.json.JsonObject;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ServerConfig;
import io.zoneha.web.ManagementAuth;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The CLI side of the management API. Authenticates with the token derived from the cluster
 * secret in cluster.yaml; without {@code --node} it tries each server of the file in order.
 */
final class ApiClient {
  @Option(names = "--node", description = "management URL of a node, e.g. http://127.0.0.1:29001")
  String node;

  @Option(names = "--config", defaultValue = "/etc/zoneha/cluster.yaml", description = "cluster.yaml (for the token and node addresses)")
  Path config;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /** An answer of the API: HTTP status and JSON body. */
  record Answer(int status, JsonObject body) {}

  Answer get(String path) {
    return send("GET", path, null);
  }

  Answer post(String path, JsonObject body) {
    return send("POST", path, body);
  }

  private Answer send(String method, String path, JsonObject body) {
    ClusterConfig cfg = Files.exists(config) ? ConfigFiles.load(config).config().orElse(null) : null;
    String token = System.getenv("ZONEHA_TOKEN") != null ? System.getenv("ZONEHA_TOKEN")
        : cfg != null ? ManagementAuth.tokenFor(cfg.secret()) : null;
    if (token == null) {
      throw new Main.UsageError("--config: cannot read a valid " + config + " for the API token (or set ZONEHA_TOKEN)");
    }
    List<String> errors = new ArrayList<>();
    for (String base : candidates(cfg)) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
      try {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isBlank() ? new JsonObject() : new JsonObject(r.body()));
      } catch (ConnectException e) {
        errors.add(base + ": connection refused");
      } catch (IOException e) {
        errors.add(base + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
    }
    throw new IllegalStateException("no node answered (" + String.join("; ", errors) + ")");
  }

  private List<String> candidates(ClusterConfig cfg) {
    if (node != null) {
      return List.of(node.replaceAll("/+$", ""));
    }
    if (cfg == null) {
      return List.of("http://127.0.0.1:29001");
    }
    return cfg.servers().stream().map(ApiClient::url).toList();
  }

  private static String url(ServerConfig s) {
    String host = s.managementHost().contains(":") ? "[" + s.managementHost() + "]" : s.managementHost();
    return "http://" + host + ":" + s.managementPort();
  }
}
