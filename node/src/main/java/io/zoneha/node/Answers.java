package io.zoneha.node;

import picocli.CommandLine.Model.CommandSpec;

/** Prints an API answer and turns it into an exit code. */
final class Answers {
  private Answers() {}

  static int print(CommandSpec spec, ApiClient.Answer a) {
    String msg = a.body().getString("message", a.body().getString("error", "HTTP " + a.status()));
    if (a.status() / 100 == 2) {
      spec.commandLine().getOut().println(msg);
      return 0;
    }
    spec.commandLine().getErr().println("refused: " + msg);
    return failureCode(a);
  }

  /** Prints why a query (status, mirrors) got no answer to show and returns the exit code. */
  static int queryFailed(CommandSpec spec, ApiClient.Answer a) {
    spec.commandLine().getErr().println("error: " + a.body().getString("error", "HTTP " + a.status()));
    return failureCode(a);
  }

  /** 3 when the API refused the token (so scripts can tell a wrong secret), else 1. */
  private static int failureCode(ApiClient.Answer a) {
    return a.status() == 401 || a.status() == 403 ? 3 : 1;
  }
}
