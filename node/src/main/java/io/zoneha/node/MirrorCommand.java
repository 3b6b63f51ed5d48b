package io.zoneha.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mirror status|verify|pause|resume|recover}: the mirror disks (md resources). */
@Command(name = "mirror", description = "Show and control mirror disks (md resources).",
    subcommands = {MirrorCommand.Status.class, MirrorCommand.Verify.class, MirrorCommand.Pause.class,
        MirrorCommand.Resume.class, MirrorCommand.Recover.class})
final class MirrorCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new Main.UsageError("mirror: give a subcommand: status, verify, pause, resume or recover");
  }

  @Command(name = "status", description = "Each mirror's state on each server.")
  static final class Status implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiClient api;

    @Option(names = "--json", description = "print the mirrors as JSON")
    boolean json;

    @Override
    public Integer call() {
      ApiClient.Answer a = api.get("/api/v1/mirrors");
      if (a.status() != 200) {
        return Answers.queryFailed(spec, a);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(a.body().encode());
      } else {
        print(a.body().getJsonArray("mirrors", new JsonArray()), out);
      }
      return 0;
    }
  }

  static void print(JsonArray mirrors, PrintWriter out) {
    if (mirrors.isEmpty()) {
      out.println("No mirror disks (md resources) are configured.");
      return;
    }
    out.printf("  %-12s %-10s %-12s %-10s %-13s %-12s %7s %12s %12s%n", "MIRROR", "SERVER", "STATE", "ROLE", "DISK",
        "PEER", "SYNC%", "DIRTY", "LAG");
    for (JsonObject m : objects(mirrors)) {
      out.printf("  %-12s %-10s %-12s %-10s %-13s %-12s %7s %12s %12s%n", m.getString("name"), m.getString("server"),
          m.getString("state", "-"), m.getString("role", "-"), m.getString("diskState", "-"),
          m.getString("peerState", "-"), m.getValue("syncPercent") == null ? "-" : m.getValue("syncPercent"),
          m.getValue("dirtyBytes", "-"), m.getValue("lagBytes", "-"));
      if (!m.getString("lastProblem", "").isEmpty()) {
        out.printf("      %s%n", m.getString("lastProblem"));
      }
    }
  }

  static List<JsonObject> objects(JsonArray a) {
    return a == null ? List.of() : a.stream().map(x -> (JsonObject) x).toList();
  }

  abstract static class Action implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ApiClient api;

    @Parameters(index = "0", description = "md resource name")
    String name;

    JsonObject body() {
      return new JsonObject();
    }

    @Override
    public Integer call() {
      // the subcommand's name is the API operation
      return Answers.print(spec, api.post("/api/v1/mirrors/" + name + "/" + spec.name(), body()));
    }
  }

  @Command(name = "verify", description = "Compare both copies block by block while in use (on the primary).")
  static final class Verify extends Action {
  }

  @Command(name = "pause", description = "Stop replicating; writes are tracked and resynced on resume.")
  static final class Pause extends Action {
  }

  @Command(name = "resume", description = "Reconnect the copies; only the changed blocks are resent.")
  static final class Resume extends Action {
  }

  @Command(name = "recover", description = "End a split brain: keep the copy on SERVER, the other copy is overwritten.")
  static final class Recover extends Action {
    @Option(names = "--source", required = true, paramLabel = "SERVER", description = "the server whose copy is kept")
    String source;

    @Override
    JsonObject body() {
      return new JsonObject().put("source", source);
    }
  }
}
