package io.zoneha.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zoneha aws-routes --emulator URL}: prints the host routes (/32) of the emulator's route
 * tables and the ENI each points at, so the demo shows the VIP following the active node.
 */
@Command(name = "aws-routes", description = "Print the /32 (virtual IP) routes of an AWS emulator and their targets.")
final class AwsRoutesCommand implements Callable<Integer> {
  @Option(names = "--emulator", description = "base URL of the emulator", defaultValue = "http://127.0.0.1:" + DemoCommand.EMULATOR_PORT)
  String emulator;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    URI uri;
    try {
      uri = URI.create(emulator.replaceAll("/+$", "") + "/_admin/state");
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError("--emulator: not a URL: " + emulator);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    HttpResponse<String> r;
    try {
      r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IOException("cannot reach the emulator at " + uri + ": " + e.getMessage(), e);
    }
    if (r.statusCode() != 200) {
      throw new IOException("the emulator at " + uri + " answered HTTP " + r.statusCode());
    }
    spec.commandLine().getOut().print(format(new JsonObject(r.body())));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** One line per route table and /32 route: table, destination, target ENI and its instance. */
  static String format(JsonObject state) {
    Map<String, String> eniInstance = new TreeMap<>();
    for (Object o : state.getJsonArray("networkInterfaces", new JsonArray())) {
      JsonObject eni = (JsonObject) o;
      eniInstance.put(eni.getString("id"), eni.getString("instanceId", "-"));
    }
    StringBuilder b = new StringBuilder(String.format("%-16s %-18s %-16s %s%n", "ROUTE TABLE", "DESTINATION", "TARGET", "INSTANCE"));
    for (Object o : state.getJsonArray("routeTables", new JsonArray())) {
      JsonObject t = (JsonObject) o;
      for (Object ro : t.getJsonArray("routes", new JsonArray())) {
        JsonObject route = (JsonObject) ro;
        String dest = route.getString("destination", "");
        if (!dest.endsWith("/32")) {
          continue;
        }
        String eni = route.getString("networkInterfaceId");
        String target = eni != null ? eni : String.valueOf(route.getString("gatewayId", route.getString("instanceId", "-")));
        b.append(String.format("%-16s %-18s %-16s %s%n", t.getString("id"), dest, target,
            eni == null ? "-" : eniInstance.getOrDefault(eni, "?")));
      }
    }
    return b.toString();
  }
}
