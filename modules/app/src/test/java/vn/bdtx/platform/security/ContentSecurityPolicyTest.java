package vn.bdtx.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 18 item 9: with an external store, media come from the store's own address and nowhere else. */
class ContentSecurityPolicyTest {

  @Test
  void withTheEmbeddedStoreMediaComeOnlyFromTheApplication() {
    String csp = SecurityConfiguration.contentSecurityPolicy(SecurityConfiguration.storeOrigin("", ""));
    assertThat(csp).contains("img-src 'self' data: blob:;", "media-src 'self' blob:;").doesNotContain("http:", "https:");
  }

  @Test
  void withAnExternalStoreItsPublicAddressIsTheOnlyOtherSource() {
    String origin = SecurityConfiguration.storeOrigin("http://minio:9000", "https://Files.Bdtx.Example.vn/objects");
    assertThat(origin).isEqualTo("https://files.bdtx.example.vn");
    assertThat(SecurityConfiguration.contentSecurityPolicy(origin))
        .contains("img-src 'self' data: blob: https://files.bdtx.example.vn;",
            "media-src 'self' blob: https://files.bdtx.example.vn;")
        .doesNotContain(" https:;", " http:;", "minio");
    assertThat(SecurityConfiguration.storeOrigin("http://10.0.0.5:9000", "")).isEqualTo("http://10.0.0.5:9000");
    assertThatThrownBy(() -> SecurityConfiguration.storeOrigin("", "files.example.vn")).isInstanceOf(IllegalStateException.class);
  }
}
