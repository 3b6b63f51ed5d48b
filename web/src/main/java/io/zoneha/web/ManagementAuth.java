package io.zoneha.web;

import io.zoneha.engine.config.ManagementConfig;
import io.zoneha.engine.config.ManagementConfig.Role;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who is calling the management API. Two ways in: the CLI's bearer token, derived from the
 * cluster secret (whoever can read cluster.yaml may operate the cluster), or a configured user's
 * name and password (PBKDF2-hashed in cluster.yaml).
 */
public final class ManagementAuth {
  private final String token;
  private final ManagementConfig management;

  public ManagementAuth(String secret, ManagementConfig management) {
    this.token = tokenFor(secret);
    this.management = management;
  }

  /** An authenticated caller. */
  public record Caller(String name, Role role) {}

  /** The CLI's bearer token for a cluster secret. */
  public static String tokenFor(String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal("zoneha-management-v1".getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks an Authorization header value; empty when it proves nothing. */
  public Optional<Caller> authenticate(String header) {
    if (header == null) {
      return Optional.empty();
    }
    if (header.startsWith("Bearer ")) {
      boolean ok = MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
          token.getBytes(StandardCharsets.UTF_8));
      return ok ? Optional.of(new Caller("cli", Role.OPERATOR)) : Optional.empty();
    }
    if (header.startsWith("Basic ")) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      return colon < 0 ? Optional.empty() : login(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
    return Optional.empty();
  }

  public Optional<Caller> login(String user, String password) {
    return management.users().stream().filter(u -> u.name().equals(user)).findFirst()
        .filter(u -> PasswordHash.verify(password, u.passwordHash()))
        .map(u -> new Caller(u.name(), u.role()));
  }

  /** PBKDF2-HMAC-SHA256 hashes in the form {@code pbkdf2-sha256$iterations$saltB64$hashB64}. */
  public static final class PasswordHash {
    private PasswordHash() {}

    public static String hash(String password, byte[] salt, int iterations) {
      return "pbkdf2-sha256$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
          + Base64.getEncoder().encodeToString(derive(password, salt, iterations));
    }

    public static boolean verify(String password, String stored) {
      String[] p = stored.split("\\$");
      if (p.length != 4 || !p[0].equals("pbkdf2-sha256")) {
        return false;
      }
      byte[] salt = Base64.getDecoder().decode(p[2]);
      byte[] expected = Base64.getDecoder().decode(p[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(p[1])));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
