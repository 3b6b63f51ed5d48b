package io.zoneha.node;

import io.zoneha.web.ManagementAuth.PasswordHash;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "hash-password", description = "Print a passwordHash for cluster.yaml (reads the password from stdin).")
final class HashPasswordCommand implements Callable<Integer> {
  @Option(names = "--iterations", defaultValue = "210000")
  int iterations;

  @Override
  public Integer call() throws Exception {
    String pw = new String(System.in.readAllBytes()).strip();
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    System.out.println(PasswordHash.hash(pw, salt, iterations));
    return 0;
  }
}
