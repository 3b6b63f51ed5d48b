package io.zoneha.node;

import io.zoneha.resources.aws.emulator.AwsEmulatorMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zoneha aws-emulator}: the EC2 / Route 53 emulator of docs/aws-emulator.md, in the foreground. */
@Command(name = "aws-emulator", description = "Run the AWS emulator (EC2 and Route 53 wire protocols, admin API, DNS) until stopped.")
final class AwsEmulatorCommand implements Callable<Integer> {
  @Option(names = "--port", description = "HTTP port of the EC2 / Route 53 / admin endpoint", defaultValue = "4566")
  int port;

  @Option(names = "--state", required = true, description = "YAML file with the emulated account (e.g. emulator-vip.yaml)")
  Path state;

  @Option(names = "--dns-port", description = "UDP port of the DNS listener (0 = any free port)", defaultValue = "0")
  int dnsPort;

  @Option(names = "--host", description = "address to listen on", defaultValue = "127.0.0.1")
  String host;

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--state", state.toString(),
        "--dns-port", Integer.toString(dnsPort), "--host", host));
    int rc = AwsEmulatorMain.run(args.toArray(String[]::new));
    if (rc == 2) {
      throw new Main.UsageError("aws-emulator: bad arguments (see above)");
    }
    return rc;
  }
}
