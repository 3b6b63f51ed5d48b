package io.zoneha.engine.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Syntax checks for addresses in cluster.yaml; nothing here touches the network or DNS. */
final class Addresses {
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
  private static final Pattern NUMERIC_DOTTED = Pattern.compile("[0-9.]+");

  private Addresses() {}

  static boolean isIpv4(String s) {
    return IPV4.matcher(s).matches();
  }

  /** An IPv4 or IPv6 literal; host names are not accepted. */
  static boolean isIpLiteral(String s) {
    if (isIpv4(s)) {
      return true;
    }
    if (!s.contains(":") || !IPV6_CHARS.matcher(s).matches()) {
      return false;
    }
    try {
      // a string of hex digits and colons is parsed as a literal, never looked up
      InetAddress.getByName(s);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static boolean isWildcard(String s) {
    return s.equals("0.0.0.0") || s.equals("::") || s.equals("::0");
  }

  /** A DNS host name (optionally with a trailing dot) or an IP literal. */
  static boolean isHost(String s) {
    if (isIpLiteral(s)) {
      return true;
    }
    if (s.isEmpty() || s.length() > 253 || NUMERIC_DOTTED.matcher(s).matches()) {
      return false; // 10.0.0.300 is a mistyped address, not a host name
    }
    String name = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** An absolute http or https URL with a host, such as {@code http://127.0.0.1:4566}. */
  static boolean isHttpUrl(String s) {
    try {
      URI u = new URI(s);
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static boolean isPort(int port) {
    return port >= 1 && port <= 65535;
  }
}
