package vn.bdtx.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up lines (ready announcement, demo banner) print the port the server really listens on. */
class OpenAddressTest {

  @Test
  void theDefaultAddressTakesTheRealPort() {
    assertThat(OpenAddress.of("http://localhost:8080", "8090")).isEqualTo("http://localhost:8090");
    assertThat(OpenAddress.of("http://127.0.0.1:8080/", "8091")).isEqualTo("http://127.0.0.1:8091");
    assertThat(OpenAddress.of("http://localhost:8080", "8080")).isEqualTo("http://localhost:8080");
  }

  @Test
  void aConfiguredPublicAddressIsKept() {
    assertThat(OpenAddress.of("https://bdtx.hatinh.edu.vn", "8090")).isEqualTo("https://bdtx.hatinh.edu.vn");
    assertThat(OpenAddress.of("http://192.168.1.20:8080", "8090")).isEqualTo("http://192.168.1.20:8080");
  }
}
