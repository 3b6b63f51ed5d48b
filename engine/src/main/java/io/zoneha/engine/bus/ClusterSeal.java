package io.zoneha.engine.bus;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates messages between nodes: the body is the JSON text, a dot, and the base64
 * HMAC-SHA256 of the text under the cluster secret. A node without the secret can neither
 * forge a command nor alter one in flight.
 */
public final class ClusterSeal {
  private final SecretKeySpec key;

  public ClusterSeal(String secret) {
    this.key = new SecretKeySpec(("zoneha-bus:" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String seal(JsonObject json) {
    String text = json.encode();
    return text + "." + Base64.getEncoder().encodeToString(mac(text));
  }

  /** Returns the JSON of an authentic message; throws {@link SecurityException} otherwise. */
  public JsonObject open(Object body) {
    if (!(body instanceof String s)) {
      throw new SecurityException("cluster message is not a sealed string");
    }
    int dot = s.lastIndexOf('.');
    if (dot < 0) {
      throw new SecurityException("cluster message has no signature");
    }
    String text = s.substring(0, dot);
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(s.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new SecurityException("cluster message signature is not base64");
    }
    if (!MessageDigest.isEqual(sig, mac(text))) {
      throw new SecurityException("cluster message signature does not match (wrong cluster secret?)");
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new SecurityException("cluster message is not JSON");
    }
  }

  private byte[] mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
