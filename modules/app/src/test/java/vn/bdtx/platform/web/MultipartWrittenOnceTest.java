package vn.bdtx.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TempFolderWatch;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.Uploads;
import vn.bdtx.support.WebSession;

/**
 * Issue 18 item 2, through HTTP: a 3 MB upload (an account list here) is written
 * once, to its own bdtx-upload file; Spring's reader used to buffer it first in a
 * spring-multipart-* file and then copy it, two files of the same bytes at once.
 */
@BdtxIntegrationTest
class MultipartWrittenOnceTest {

  static final String PW = "nhap danh sach mot lan";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;

  @Test
  void aLargeUploadIsWrittenOnceNeverToASpringMultipartFile() throws Exception {
    String name = "cntt-once-" + System.nanoTime();
    new TestAccounts(db, encoder).create(name, PW, Role.IT_ADMIN);
    var admin = WebSession.loggedIn(web, name, PW);
    var rows = new StringBuilder("Họ và tên,Email,Ngày sinh\n");
    while (rows.length() < 3 * 1024 * 1024) {
      rows.append("Nguyễn Văn An,an").append(rows.length()).append("@x.edu.vn,01/01/1980\n");
    }
    try (var watch = TempFolderWatch.watch()) {
      var page = Uploads.upload(web, admin, "/admin/accounts/import", "danh-sach.csv",
          rows.toString().getBytes(StandardCharsets.UTF_8));
      assertThat(page.getStatus().is5xxServerError()).as("the import page answered").isFalse();
      assertThat(page.getResponseBody()).contains("</html>");
      assertThat(watch.mostPartFiles()).as("spring-multipart-* files: the part buffered before its upload file").isZero();
    }
  }
}
