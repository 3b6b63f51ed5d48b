package io.zoneha.resources.aws.emulator;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain JDK HTTP calls to the emulator, the way an outside test harness would make them. */
public final class AdminClient {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AdminClient() {}

  /** Returns {@code {"status": code, "body": text}}. */
  public static JsonObject call(AwsEmulator emu, String method, String path, String contentType, String body) {
    HttpRequest.BodyPublisher pub = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.endpoint() + path))
        .timeout(Duration.ofSeconds(10)).method(method, pub);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new JsonObject().put("status", r.statusCode()).put("body", r.body());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  public static JsonObject admin(AwsEmulator emu, String method, String path, JsonObject body) {
    return call(emu, method, "/_admin/" + path, "application/json", body == null ? null : body.encode());
  }
}
