package vn.bdtx.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/** The catalogue from content/catalogue: loaded at start-up, updated by a changed file, never duplicated. */
@BdtxIntegrationTest
class CatalogueTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  @Autowired Catalogue catalogue;

  @Test
  void theRepositorysCatalogueIsLoadedAtStartUpAndShownToATeacher() {
    new TestAccounts(db, encoder).create("xem-danh-muc", "danh muc mo dun", Role.LEARNER);
    String page = WebSession.loggedIn(web, "xem-danh-muc", "danh muc mo dun").get("/catalogue").getResponseBody();
    assertThat(page).contains("GV-02", "Sử dụng phương pháp dạy học và giáo dục phát triển phẩm chất, năng lực học sinh",
        "CBQL-02", "Quản trị nhân sự trong trường phổ thông", "GV-01");
  }

  @Test
  void loadingAgainChangesNothingAndAChangedLineUpdatesItsModule(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("thu.csv");
    Files.writeString(file, "ma,doi_tuong,ten,so_tiet,hoc_truoc\nGV-90,TEACHER,Mô đun thử nghiệm,40,\n"
        + "GV-91,TEACHER,Mô đun thử hai,40,GV-90\nGV-9X,TEACHER,Dòng hỏng,40,\n", StandardCharsets.UTF_8);
    var first = catalogue.load(dir).block(Duration.ofSeconds(10));
    assertThat(first.written()).isEqualTo(2);
    assertThat(first.problems()).containsExactly("thu.csv:4 BAD_CODE GV-9X");
    assertThat(catalogue.load(dir).block(Duration.ofSeconds(10)).written()).as("same file, nothing to write").isZero();

    Files.writeString(file, "ma,doi_tuong,ten,so_tiet,hoc_truoc\nGV-90,TEACHER,Mô đun thử nghiệm (sửa tên),40,\n"
        + "GV-91,TEACHER,Mô đun thử hai,40,GV-90\n", StandardCharsets.UTF_8);
    assertThat(catalogue.load(dir).block(Duration.ofSeconds(10)).written()).isEqualTo(1);
    assertThat(db.sql("SELECT count(*) AS n FROM training_module WHERE code IN ('GV-90', 'GV-91')")
        .map((r, m) -> r.get("n", Long.class)).one().block(Duration.ofSeconds(5))).isEqualTo(2);
    assertThat(db.sql("SELECT title FROM training_module WHERE code = 'GV-90'")
        .map((r, m) -> r.get("title", String.class)).one().block(Duration.ofSeconds(5))).isEqualTo("Mô đun thử nghiệm (sửa tên)");
  }
}
