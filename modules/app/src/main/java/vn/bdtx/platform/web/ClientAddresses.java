package vn.bdtx.platform.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import vn.bdtx.domain.net.IpAddress;
import vn.bdtx.domain.net.TrustedProxies;

/**
 * The one place that decides which address a request came from (issue 18 item 1): the connection's peer,
 * unless that peer is one of {@code bdtx.web.trusted-proxies}; then the right-most X-Forwarded-For (or
 * Forwarded) entry that is not a trusted proxy ({@link TrustedProxies}). It runs as the application's
 * ForwardedHeaderTransformer, before any filter, because it must see the socket's address and the headers
 * before anything rewrites or removes them; it sets the request's remote address to the client's, so the
 * login throttle, the metrics allow-list and everything else read {@link #of}.
 * With {@code server.forward-headers-strategy=framework} the other forwarded headers (host, proto, port,
 * prefix) are applied only from a trusted proxy, and removed from anyone else; Spring's own transformer,
 * which this replaces, believed any client and put the left-most forged entry, unresolved, in the remote
 * address (every login was then keyed "unknown"). The {@code native} strategy must not be used: Reactor Netty
 * would replace the socket's address with a forged one before this runs.
 */
@Configuration(proxyBeanMethods = false)
public class ClientAddresses {

  private static final Logger log = LoggerFactory.getLogger(ClientAddresses.class);

  /** The client's address as resolved for this request, or "unknown" when the request has no peer. */
  public static String of(ServerWebExchange exchange) {
    return address(exchange).map(IpAddress::toString).orElse("unknown");
  }

  /** The client's address as resolved for this request. */
  public static Optional<IpAddress> address(ServerWebExchange exchange) {
    return peer(exchange.getRequest());
  }

  @Bean(WebHttpHandlerBuilder.FORWARDED_HEADER_TRANSFORMER_BEAN_NAME)
  ForwardedHeaderTransformer forwardedHeaderTransformer(@Value("${bdtx.web.trusted-proxies}") String trusted,
      @Value("${server.forward-headers-strategy:none}") String strategy) {
    var proxies = TrustedProxies.parse(trusted);
    if ("native".equalsIgnoreCase(strategy)) {
      log.warn("server.forward-headers-strategy=native lets any client choose its address; use framework");
    }
    log.info("Client addresses: forwarded headers believed only from {} (forwarded host and proto: {})",
        proxies.networks(), "framework".equalsIgnoreCase(strategy) ? "applied" : "ignored");
    return new Resolver(proxies, "framework".equalsIgnoreCase(strategy));
  }

  private static Optional<IpAddress> peer(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    return remote == null || remote.getAddress() == null
        ? Optional.empty() : Optional.of(IpAddress.of(remote.getAddress().getAddress()));
  }

  /** Spring's transformer for trusted peers, its remove-only mode for everyone else, then the client's address. */
  static final class Resolver extends ForwardedHeaderTransformer {

    private final TrustedProxies proxies;
    private final boolean applyForwardedHeaders;
    private final ForwardedHeaderTransformer removeOnly = new ForwardedHeaderTransformer();

    Resolver(TrustedProxies proxies, boolean applyForwardedHeaders) {
      this.proxies = proxies;
      this.applyForwardedHeaders = applyForwardedHeaders;
      removeOnly.setRemoveOnly(true);
    }

    @Override
    public ServerHttpRequest apply(ServerHttpRequest request) {
      Optional<IpAddress> peer = peer(request);
      boolean trusted = peer.isPresent() && proxies.trusts(peer.get());
      HttpHeaders headers = request.getHeaders();
      List<String> xForwardedFor = headers.getOrEmpty("X-Forwarded-For");
      List<String> forwarded = headers.getOrEmpty("Forwarded");
      ServerHttpRequest out = !applyForwardedHeaders ? request
          : trusted ? super.apply(request) : removeOnly.apply(request);
      if (peer.isEmpty()) {
        return out;
      }
      IpAddress client = proxies.clientAddress(peer.get(), xForwardedFor, forwarded);
      int port = client.equals(peer.get()) ? request.getRemoteAddress().getPort() : 0;
      try {
        return out.mutate().remoteAddress(new InetSocketAddress(InetAddress.getByAddress(client.bytes()), port)).build();
      } catch (UnknownHostException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }
}
