package vn.bdtx.completion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import vn.bdtx.support.BdtxIntegrationTest;

/**
 * Issue 18 item 9: someone walking certificate numbers on the public /verify page is stopped per address
 * (the address as a trusted proxy forwards it: the test's requests come from 127.0.0.1, a trusted proxy by
 * default), with a Vietnamese page; everyone else goes on checking.
 */
@BdtxIntegrationTest
class VerifyThrottleTest {

  @Autowired WebTestClient web;
  // The test services raise it (TestServices): the suite's other classes look numbers up from 127.0.0.1 in a shared context.
  @org.springframework.beans.factory.annotation.Value("${bdtx.verify.misses-per-address}") int misses;

  private WebTestClient.ResponseSpec verify(String number, String from) {
    return web.get().uri("/verify/" + number).header("Accept", "text/html").header("X-Forwarded-For", from).exchange();
  }

  @Test
  void walkingNumbersFromOneAddressIsStoppedWithAVietnamese429WhileOtherAddressesGoOn() {
    String walker = "198.51.100.7";
    for (int i = 0; i < misses; i++) {
      verify("GV02-2026-000001-%04X".formatted(i), walker).expectStatus().isNotFound();
    }
    var refused = verify("GV02-2026-000001-FFFF", walker).expectStatus().isEqualTo(429)
        .expectHeader().exists("Retry-After")
        .expectHeader().contentTypeCompatibleWith("text/html")
        .expectBody(String.class).returnResult();
    assertThat(Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After"))).isBetween(1L, 600L);
    assertThat(HtmlUtils.htmlUnescape(refused.getResponseBody()))
        .contains("tạm thời bị chặn", "Vui lòng thử lại sau 10 phút", "Kiểm tra giấy chứng nhận")
        .doesNotContain("Không có giấy chứng nhận số");

    // Another address (another school) is not affected.
    verify("GV02-2026-000001-FFFF", "198.51.100.8").expectStatus().isNotFound();
  }
}
