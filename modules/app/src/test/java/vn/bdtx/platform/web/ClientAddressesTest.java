package vn.bdtx.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import vn.bdtx.domain.net.TrustedProxies;

/** The resolver as the framework strategy runs it: forwarded host and proto too count only from a trusted proxy. */
class ClientAddressesTest {

  final ClientAddresses.Resolver framework = new ClientAddresses.Resolver(TrustedProxies.parse("127.0.0.1/32"), true);
  final ClientAddresses.Resolver none = new ClientAddresses.Resolver(TrustedProxies.parse("127.0.0.1/32"), false);

  static ServerHttpRequest from(String peer) {
    return MockServerHttpRequest.get("http://bdtx.internal:8080/login")
        .remoteAddress(new InetSocketAddress(peer, 40000))
        .header("X-Forwarded-For", "127.0.0.1, 203.0.113.7")
        .header("X-Forwarded-Host", "lms.sogd.example")
        .header("X-Forwarded-Proto", "https")
        .build();
  }

  @Test
  void aTrustedProxysHeadersAreAppliedAndTheClientIsTheRightMostUntrustedEntry() {
    var r = framework.apply(from("127.0.0.1"));
    assertThat(r.getURI().toString()).startsWith("https://lms.sogd.example/");
    assertThat(r.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("203.0.113.7");
    assertThat(r.getHeaders().containsHeader("X-Forwarded-For")).isFalse();
  }

  @Test
  void anyoneElsesForwardedHeadersAreRemovedAndItIsItsSocketAddress() {
    var r = framework.apply(from("198.51.100.4"));
    assertThat(r.getURI().toString()).startsWith("http://bdtx.internal:8080/");
    assertThat(r.getRemoteAddress()).isEqualTo(new InetSocketAddress("198.51.100.4", 40000));
    assertThat(r.getHeaders().containsHeader("X-Forwarded-Host")).isFalse();
  }

  @Test
  void withoutTheFrameworkStrategyOnlyTheAddressIsResolved() {
    var r = none.apply(from("127.0.0.1"));
    assertThat(r.getURI().getHost()).isEqualTo("bdtx.internal");
    assertThat(r.getRemoteAddress().getAddress().getHostAddress()).isEqualTo("203.0.113.7");
    assertThat(none.apply(from("198.51.100.4")).getRemoteAddress().getAddress().getHostAddress()).isEqualTo("198.51.100.4");
  }
}
