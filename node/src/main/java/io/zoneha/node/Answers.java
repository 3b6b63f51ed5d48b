package io.zoneha.node;

import picocli.CommandLine.Model.CommandSpec;

/** Prints an API answer for an operation and turns it into an exit code. */
final class Answers {
  private Answers() {}

  static int print(CommandSpec spec, ApiClient.Answer a) {
    String msg = a.body().getString("message", a.body().getString("error", "HTTP " + a.status()));
    if (a.status() / 100 == 2) {
      spec.commandLine().getOut().println(msg);
      return 0;
    }
    spec.commandLine().getErr().println("refused: " + msg);
    return a.status() == 401 || a.status() == 403 ? 3 : 1;
  }
}
