package vn.bdtx.domain.net;

import java.util.Optional;

/** An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}); a bare address is a network of one. */
public record IpNetwork(IpAddress base, int prefix) {

  public IpNetwork {
    if (prefix < 0 || prefix > base.length() * 8) {
      throw new IllegalArgumentException("prefix " + prefix + " out of range for " + base);
    }
  }

  /** The network written in {@code text}, or empty if it is not one. */
  public static Optional<IpNetwork> parse(String text) {
    String t = text == null ? "" : text.trim();
    int slash = t.indexOf('/');
    Optional<IpAddress> base = IpAddress.parse(slash < 0 ? t : t.substring(0, slash));
    if (base.isEmpty()) {
      return Optional.empty();
    }
    int bits = base.get().length() * 8;
    if (slash < 0) {
      return Optional.of(new IpNetwork(base.get(), bits));
    }
    String p = t.substring(slash + 1);
    if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int prefix = Integer.parseInt(p);
    // "::ffff:10.0.0.0/104" is read as IPv4, so its prefix loses the 96 bits of the mapping.
    if (base.get().isV4() && text.indexOf(':') >= 0) {
      prefix -= 96;
    }
    return prefix < 0 || prefix > bits ? Optional.empty() : Optional.of(new IpNetwork(base.get(), prefix));
  }

  /** The networks in a comma-separated list ({@code 127.0.0.1/32, ::1/128}); an entry that is no network is an error. */
  public static java.util.List<IpNetwork> list(String text) {
    var out = new java.util.ArrayList<IpNetwork>();
    for (String entry : (text == null ? "" : text).split(",")) {
      if (!entry.isBlank()) {
        out.add(parse(entry).orElseThrow(() -> new IllegalArgumentException("not an IP network: \"" + entry.trim() + "\"")));
      }
    }
    return java.util.List.copyOf(out);
  }

  /** Whether {@code address} is in this network (an IPv4 address is never in an IPv6 network, nor the reverse). */
  public boolean contains(IpAddress address) {
    if (address.length() != base.length()) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address.byteAt(i) != base.byteAt(i)) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address.byteAt(full) & mask) == (base.byteAt(full) & mask);
  }

  @Override
  public String toString() {
    return base + "/" + prefix;
  }
}
