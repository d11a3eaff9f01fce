package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.FirstAdminLog;
import vn.bdtx.support.TestServices;
import vn.bdtx.support.WebSession;

/**
 * A fresh install: its own context and an empty database that the application creates and migrates itself
 * (not the suite's migrated template), so the first start really is the first.
 */
@BdtxIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"bdtx.admin.username=quantri", TestServices.FROM_EMPTY + "=true"})
@DirtiesContext
class FirstStartTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired FirstAdmin firstAdmin;

  @Test
  void aFreshInstallHasOneItAdminWhosePasswordIsPrintedOnceAndMustBeChanged(CapturedOutput output) {
    String password = FirstAdminLog.passwordIn(output.getOut());
    assertThat(password).hasSizeGreaterThanOrEqualTo(16);
    assertThat(output.getOut()).contains("is running at http://localhost:");

    List<String> accounts = db.sql("""
            SELECT a.username || ':' || g.role || ':' || a.must_change_password AS row
            FROM account a JOIN role_grant g ON g.account_id = a.id""")
        .map((row, meta) -> row.get("row", String.class)).all().collectList().block(Duration.ofSeconds(5));
    assertThat(accounts).containsExactly("quantri:IT_ADMIN:true");

    assertThat(firstAdmin.createIfNoAccount().blockOptional(Duration.ofSeconds(10)))
        .as("a second start creates no second admin").isEmpty();

    var session = WebSession.loggedIn(web, "quantri", password);
    assertThat(redirectsTo(session.get("/"), "/account/password")).isTrue();
    session.get("/account/password");
    var changed = session.postForm("/account/password",
        form("currentPassword", password, "newPassword", "hoc tap suot doi 2026", "confirmPassword", "hoc tap suot doi 2026"));
    assertThat(redirectsTo(changed, "/?passwordChanged")).isTrue();
    assertThat(session.get("/").getResponseBody()).contains("Tổ CNTT (quản trị hệ thống)");
  }
}
