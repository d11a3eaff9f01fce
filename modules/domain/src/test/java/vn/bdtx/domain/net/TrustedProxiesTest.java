package vn.bdtx.domain.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  static IpAddress ip(String s) {
    return IpAddress.parse(s).orElseThrow();
  }

  static final TrustedProxies LOOPBACK = TrustedProxies.parse("127.0.0.1/32, ::1/128");
  static final TrustedProxies COMPOSE = TrustedProxies.parse("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16");

  @Test
  void readsIpv4AndIpv6LiteralsButNeverNames() {
    assertThat(ip("10.1.2.3").toString()).isEqualTo("10.1.2.3");
    assertThat(ip("2001:DB8:0:0:0:0:0:1").toString()).isEqualTo("2001:db8::1");
    assertThat(ip("[::1]").toString()).isEqualTo("::1");
    assertThat(ip("::").toString()).isEqualTo("::");
    assertThat(ip("1:0:0:2:0:0:0:3").toString()).isEqualTo("1:0:0:2::3");
    assertThat(ip("::ffff:10.1.2.3")).as("IPv4-mapped is IPv4").isEqualTo(ip("10.1.2.3"));
    assertThat(ip("64:ff9b::192.0.2.33").toString()).isEqualTo("64:ff9b::c000:221");
    for (String bad : List.of("", "unknown", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4",
        "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "1:2:3:4:5:6:7", "_hidden", "1234", "abcd", "fe80::1%eth0")) {
      assertThat(IpAddress.parse(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void matchesNetworksOfBothFamiliesWithoutMixingThem() {
    var ten = IpNetwork.parse("10.0.0.0/8").orElseThrow();
    assertThat(ten.contains(ip("10.255.0.1"))).isTrue();
    assertThat(ten.contains(ip("11.0.0.1"))).isFalse();
    assertThat(ten.contains(ip("::ffff:10.0.0.9"))).isTrue();
    var odd = IpNetwork.parse("172.16.0.0/12").orElseThrow();
    assertThat(odd.contains(ip("172.31.255.255"))).isTrue();
    assertThat(odd.contains(ip("172.32.0.0"))).isFalse();
    var v6 = IpNetwork.parse("2001:db8::/33").orElseThrow();
    assertThat(v6.contains(ip("2001:db8:7fff::1"))).isTrue();
    assertThat(v6.contains(ip("2001:db8:8000::1"))).isFalse();
    assertThat(IpNetwork.parse("::/0").orElseThrow().contains(ip("1.2.3.4"))).as("IPv6 networks hold no IPv4").isFalse();
    assertThat(IpNetwork.parse("0.0.0.0/0").orElseThrow().contains(ip("::1"))).isFalse();
    assertThat(IpNetwork.parse("::1").orElseThrow().contains(ip("::1"))).isTrue();
    assertThat(IpNetwork.parse("::ffff:10.0.0.0/104").orElseThrow()).isEqualTo(IpNetwork.parse("10.0.0.0/8").orElseThrow());
    for (String bad : List.of("10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "net")) {
      assertThat(IpNetwork.parse(bad)).as(bad).isEmpty();
    }
    assertThatThrownBy(() -> TrustedProxies.parse("127.0.0.1, proxy.local")).hasMessageContaining("proxy.local");
    assertThat(TrustedProxies.parse(" ").networks()).isEmpty();
  }

  @Test
  void aClientThatIsNoTrustedProxyIsItsSocketAddressWhateverItForges() {
    assertThat(LOOPBACK.clientAddress(ip("203.0.113.7"), List.of("127.0.0.1"), List.of("for=127.0.0.1")))
        .isEqualTo(ip("203.0.113.7"));
    assertThat(TrustedProxies.NONE.clientAddress(ip("127.0.0.1"), List.of("9.9.9.9"), List.of())).isEqualTo(ip("127.0.0.1"));
  }

  @Test
  void behindATrustedProxyTheRightMostUntrustedEntryIsTheClient() {
    // nginx with $proxy_add_x_forwarded_for appends what it saw to what the client forged.
    assertThat(LOOPBACK.clientAddress(ip("127.0.0.1"), List.of("9.9.9.9, 203.0.113.7"), List.of()))
        .isEqualTo(ip("203.0.113.7"));
    assertThat(COMPOSE.clientAddress(ip("172.18.0.5"), List.of("1.1.1.1, 203.0.113.7, 10.0.0.3"), List.of()))
        .as("a second trusted hop is skipped").isEqualTo(ip("203.0.113.7"));
    assertThat(LOOPBACK.clientAddress(ip("::1"), List.of("9.9.9.9", "2001:db8::7"), List.of()))
        .as("several header lines are one list").isEqualTo(ip("2001:db8::7"));
    assertThat(LOOPBACK.clientAddress(ip("127.0.0.1"), List.of("203.0.113.7:51234"), List.of())).isEqualTo(ip("203.0.113.7"));
  }

  @Test
  void anOperatorInsideTheTrustedNetworksIsTheLeftMostAddress() {
    assertThat(COMPOSE.clientAddress(ip("172.18.0.5"), List.of("10.20.30.40"), List.of())).isEqualTo(ip("10.20.30.40"));
  }

  @Test
  void withoutHeadersOrWithAnUnknownEntryTheLastKnownHopIsTheClient() {
    assertThat(LOOPBACK.clientAddress(ip("127.0.0.1"), List.of(), List.of())).isEqualTo(ip("127.0.0.1"));
    assertThat(LOOPBACK.clientAddress(ip("127.0.0.1"), List.of("9.9.9.9, unknown"), List.of())).isEqualTo(ip("127.0.0.1"));
    assertThat(COMPOSE.clientAddress(ip("172.18.0.5"), List.of("9.9.9.9, garbage, 10.0.0.3"), List.of()))
        .isEqualTo(ip("10.0.0.3"));
  }

  @Test
  void readsForwardedWhenThereIsNoXForwardedFor() {
    assertThat(LOOPBACK.clientAddress(ip("127.0.0.1"),
        List.of(), List.of("for=9.9.9.9;proto=https, For=\"[2001:db8:cafe::17]:4711\";by=127.0.0.1")))
        .isEqualTo(ip("2001:db8:cafe::17"));
    assertThat(LOOPBACK.clientAddress(ip("127.0.0.1"), List.of(), List.of("for=\"203.0.113.9:80\"")))
        .isEqualTo(ip("203.0.113.9"));
    assertThat(LOOPBACK.clientAddress(ip("127.0.0.1"), List.of(), List.of("for=9.9.9.9, for=_hidden")))
        .isEqualTo(ip("127.0.0.1"));
    assertThat(LOOPBACK.clientAddress(ip("127.0.0.1"), List.of("203.0.113.7"), List.of("for=9.9.9.9")))
        .as("X-Forwarded-For first").isEqualTo(ip("203.0.113.7"));
  }
}
