package io.zoneha.resources.aws;

import java.util.Optional;

/** Dotted-quad IPv4 addresses and CIDR blocks, parsed strictly (no host names, no short forms). */
public final class Ipv4 {
  private Ipv4() {}

  /** The address as an unsigned 32-bit value, or empty when {@code text} is not a dotted quad. */
  public static Optional<Long> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String[] parts = text.trim().split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      int n = Integer.parseInt(p);
      if (n > 255) {
        return Optional.empty();
      }
      v = (v << 8) | n;
    }
    return Optional.of(v);
  }

  public static boolean isValid(String text) {
    return parse(text).isPresent();
  }

  /** True when {@code ip} lies inside {@code cidr} ({@code a.b.c.d/n}). */
  public static boolean inCidr(String ip, String cidr) {
    Cidr c = Cidr.parse(cidr);
    long a = parse(ip).orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + ip));
    return c.contains(a);
  }

  public static String format(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }

  /** An IPv4 block. */
  public record Cidr(long base, int prefix) {
    public static Cidr parse(String text) {
      int slash = text.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("not a CIDR block (a.b.c.d/n): " + text);
      }
      long base = Ipv4.parse(text.substring(0, slash))
          .orElseThrow(() -> new IllegalArgumentException("not a CIDR block (a.b.c.d/n): " + text));
      int prefix;
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in " + text);
      }
      if (prefix < 0 || prefix > 32) {
        throw new IllegalArgumentException("bad prefix length in " + text);
      }
      return new Cidr(base & mask(prefix), prefix);
    }

    public boolean contains(long addr) {
      return (addr & mask(prefix)) == base;
    }

    private static long mask(int prefix) {
      return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }
  }
}
