package io.zoneha.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Show the cluster as one node sees it.")
final class StatusCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ApiClient api;

  @Option(names = "--json", description = "print the status as JSON")
  boolean json;

  @Override
  public Integer call() {
    ApiClient.Answer a = api.get("/api/v1/status");
    PrintWriter out = spec.commandLine().getOut();
    if (a.status() != 200) {
      return Answers.queryFailed(spec, a);
    }
    if (json) {
      out.println(a.body().encode());
    } else {
      print(a.body(), out);
    }
    return 0;
  }

  private static void print(JsonObject s, PrintWriter out) {
    out.printf("Cluster %s (seen from %s)%n", s.getString("cluster"), s.getString("reportedBy"));
    out.println("Servers:");
    for (JsonObject o : objects(s.getJsonArray("servers"))) {
      out.printf("  %-16s %-10s %s%s%n", o.getString("name"), o.getString("state"),
          o.getString("az") == null ? "" : "AZ " + o.getString("az"),
          o.getString("note") == null ? "" : "  (" + o.getString("note") + ")");
      for (JsonObject l : objects(o.getJsonArray("interconnects"))) {
        out.printf("      interconnect %d to %-10s %-15s %s%n", l.getInteger("link"), l.getString("peer"),
            l.getString("address"), l.getString("state"));
      }
    }
    JsonObject w = s.getJsonObject("witness");
    if (w != null) {
      out.printf("Witness %s: %s%n", w.getString("target"), w.getBoolean("reachable", false) ? "answers"
          : "no answer" + (w.getString("lastError", "").isEmpty() ? "" : " (" + w.getString("lastError") + ")"));
    }
    out.println("Groups:");
    for (JsonObject o : objects(s.getJsonArray("groups"))) {
      out.printf("  %-16s %-10s %s%s%n", o.getString("name"), o.getString("state"),
          o.getString("server") == null ? "-" : o.getString("server"),
          o.getString("lastError", "").isEmpty() ? "" : "   last error: " + o.getString("lastError"));
    }
    out.println("Resources:");
    for (JsonObject o : objects(s.getJsonArray("resources"))) {
      out.printf("  %-16s %-12s %-10s %-10s%s%n", o.getString("name"), o.getString("group"), o.getString("server"),
          o.getString("state"), o.getInteger("code", 0) == 0 ? "" : "  (" + o.getInteger("code") + ": " + o.getString("message") + ")");
    }
    out.println("Monitors:");
    for (JsonObject o : objects(s.getJsonArray("monitors"))) {
      out.printf("  %-16s %-10s %-10s%s%n", o.getString("name"), o.getString("server"), o.getString("state"),
          o.getInteger("code", 0) == 0 ? "" : "  (" + o.getInteger("code") + ": " + o.getString("message") + ")");
    }
    if (s.getJsonArray("mirrors") != null) {
      out.println("Mirrors:");
      MirrorCommand.print(s.getJsonArray("mirrors"), out);
    }
  }

  private static java.util.List<JsonObject> objects(JsonArray a) {
    return a == null ? java.util.List.of() : a.stream().map(x -> (JsonObject) x).toList();
  }
}
