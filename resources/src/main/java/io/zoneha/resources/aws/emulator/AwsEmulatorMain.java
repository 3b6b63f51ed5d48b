package io.zoneha.resources.aws.emulator;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry: {@code --port P --state FILE [--dns-port D] [--host 127.0.0.1]}. Runs until
 * the JVM is stopped; prints the endpoints on start.
 */
public final class AwsEmulatorMain {
  private AwsEmulatorMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Returns 2 for bad arguments, 1 when the emulator cannot start; otherwise never returns. */
  public static int run(String[] args) {
    int port = 4566;
    int dnsPort = 0;
    String host = "127.0.0.1";
    Path state = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--port" -> port = Integer.parseInt(args[++i]);
          case "--dns-port" -> dnsPort = Integer.parseInt(args[++i]);
          case "--host" -> host = args[++i];
          case "--state" -> state = Path.of(args[++i]);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (state == null) {
        throw new IllegalArgumentException("--state FILE is required");
      }
    } catch (RuntimeException e) {
      System.err.println("aws-emulator: " + e.getMessage()
          + "\nusage: aws-emulator --port P --state FILE [--dns-port D] [--host ADDR]");
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      AwsEmulator emu = new AwsEmulator(vertx, java.nio.file.Files.readString(state), host);
      emu.start(port, dnsPort).await();
      System.out.println("AWS emulator: EC2 and Route 53 at " + emu.endpoint() + ", admin at "
          + emu.endpoint() + "/_admin/, DNS on udp " + host + ":" + emu.dnsPort());
      CountDownLatch forever = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
      forever.await();
      return 0;
    } catch (Exception e) {
      System.err.println("aws-emulator: cannot start: " + e.getMessage());
      vertx.close();
      return 1;
    }
  }
}
