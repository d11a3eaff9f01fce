package vn.bdtx.domain.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The proxies whose forwarding headers are believed, and the rule for which address a request came from.
 * A client can write any X-Forwarded-For or Forwarded it likes, so the headers count only when the
 * connection's own peer is a trusted proxy; then the chain is read from the right (each proxy appends
 * the address it received the request from), skipping trusted proxies, and the first address that is not
 * one is the client. If every address in the chain is trusted, the left-most is. An entry that is not an
 * address ("unknown", an obfuscated name, garbage) ends the walk at the last address known: a proxy we
 * trust said it did not know, so nobody further left can be believed.
 * X-Forwarded-For is read when present (nginx, HAProxy and most balancers write it), else Forwarded (RFC 7239).
 */
public final class TrustedProxies {

  /** Nobody is trusted: every request comes from its connection's peer. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private final List<IpNetwork> networks;

  private TrustedProxies(List<IpNetwork> networks) {
    this.networks = List.copyOf(networks);
  }

  public static TrustedProxies of(List<IpNetwork> networks) {
    return new TrustedProxies(networks);
  }

  /** The networks in a comma-separated list ({@code 127.0.0.1/32, ::1/128}); an entry that is no network is an error. */
  public static TrustedProxies parse(String list) {
    return new TrustedProxies(IpNetwork.list(list));
  }

  public List<IpNetwork> networks() {
    return networks;
  }

  public boolean trusts(IpAddress address) {
    return networks.stream().anyMatch(n -> n.contains(address));
  }

  /**
   * The client's address: {@code peer} (the connection's remote address) unless it is a trusted proxy and
   * the headers name someone behind it.
   *
   * @param xForwardedFor every X-Forwarded-For header line, in order
   * @param forwarded every Forwarded header line, in order
   */
  public IpAddress clientAddress(IpAddress peer, List<String> xForwardedFor, List<String> forwarded) {
    if (!trusts(peer)) {
      return peer;
    }
    List<String> chain = xForwardedFor.stream().anyMatch(v -> !v.isBlank())
        ? xForwardedForChain(xForwardedFor) : forwardedForChain(forwarded);
    IpAddress client = peer;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Optional<IpAddress> hop = node(chain.get(i));
      if (hop.isEmpty()) {
        return client;
      }
      client = hop.get();
      if (!trusts(client)) {
        return client;
      }
    }
    return client;
  }

  private static List<String> xForwardedForChain(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      for (String entry : line.split(",", -1)) {
        out.add(entry.trim());
      }
    }
    return out;
  }

  /** The for= value of each forwarded element (RFC 7239 §4), quotes removed; an element without one counts as unknown. */
  static List<String> forwardedForChain(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      for (String element : splitOutsideQuotes(line, ',')) {
        String value = "";
        for (String pair : splitOutsideQuotes(element, ';')) {
          int eq = pair.indexOf('=');
          if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
            value = unquote(pair.substring(eq + 1).trim());
          }
        }
        out.add(value);
      }
    }
    return out;
  }

  /** An address from a chain entry: {@code 1.2.3.4}, {@code 1.2.3.4:5678}, {@code 2001:db8::1}, {@code [2001:db8::1]:80}. */
  static Optional<IpAddress> node(String entry) {
    String e = entry.trim();
    if (e.startsWith("[")) {
      int close = e.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      String after = e.substring(close + 1);
      if (!after.isEmpty() && !after.matches(":[0-9]{1,5}")) {
        return Optional.empty();
      }
      return IpAddress.parse(e.substring(1, close));
    }
    int colon = e.indexOf(':');
    if (colon >= 0 && colon == e.lastIndexOf(':')) {
      String port = e.substring(colon + 1);
      return port.matches("[0-9]{1,5}") ? IpAddress.parse(e.substring(0, colon)).filter(IpAddress::isV4) : Optional.empty();
    }
    return IpAddress.parse(e);
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return v;
  }

  private static List<String> splitOutsideQuotes(String s, char separator) {
    List<String> out = new ArrayList<>();
    var current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted && i + 1 < s.length()) {
        current.append(c).append(s.charAt(++i));
        continue;
      }
      if (c == separator && !quoted) {
        out.add(current.toString().trim());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    out.add(current.toString().trim());
    return out;
  }

  @Override
  public String toString() {
    return Arrays.toString(networks.toArray());
  }
}
