package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

@BdtxIntegrationTest
class PasswordChangeTest {

  static final String GIVEN = "Xk7pQ2mWz9Rt";
  static final String CHOSEN = "mua thu ha noi 1985";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  TestAccounts accounts;
  String user;

  @BeforeEach
  void anImportedTeacherWithAGivenPassword() {
    accounts = new TestAccounts(db, encoder);
    user = "gvmoi" + System.nanoTime();
    accounts.create(user, GIVEN, true, Role.LEARNER);
  }

  @Test
  void everyRouteLeadsToTheChangePageUntilThePasswordIsChanged() {
    var session = WebSession.loggedIn(web, user, GIVEN);
    assertThat(redirectsTo(session.get("/"), "/account/password")).isTrue();
    assertThat(redirectsTo(session.get("/some/other/page"), "/account/password")).isTrue();
    var page = session.get("/account/password");
    assertThat(page.getStatus().value()).isEqualTo(200);
    assertThat(page.getResponseBody()).contains("Đây là lần đăng nhập đầu tiên");
  }

  @Test
  void choosingAGoodPasswordLandsOnTheDashboardAndTheOldOneStopsWorking() {
    var session = WebSession.loggedIn(web, user, GIVEN);
    session.get("/account/password");
    String before = session.sessionId();
    var result = session.postForm("/account/password",
        form("currentPassword", GIVEN, "newPassword", CHOSEN, "confirmPassword", CHOSEN));
    assertThat(redirectsTo(result, "/?passwordChanged")).isTrue();
    assertThat(session.sessionId()).as("session id rotates on a password change").isNotEqualTo(before);
    var home = session.get("/?passwordChanged");
    assertThat(home.getStatus().value()).isEqualTo(200);
    assertThat(home.getResponseBody()).contains("Đã đổi mật khẩu.");
    assertThat(accounts.mustChangePassword(user)).isFalse();

    var oldPassword = WebSession.anonymous(web).postForm("/login", form("username", user, "password", GIVEN));
    assertThat(redirectsTo(oldPassword, "/login?error")).isTrue();
    WebSession.loggedIn(web, user, CHOSEN);
  }

  @Test
  void aRefusedPasswordSaysWhyInVietnameseAndChangesNothing() {
    var session = WebSession.loggedIn(web, user, GIVEN);
    session.get("/account/password");
    String hashBefore = accounts.passwordHashOf(user);
    var result = session.postForm("/account/password",
        form("currentPassword", GIVEN, "newPassword", "qwertyuiop", "confirmPassword", "qwertyuiop1"));
    assertThat(result.getStatus().value()).isEqualTo(422);
    assertThat(result.getResponseBody()).contains(
        "Mật khẩu mới nằm trong danh sách mật khẩu phổ biến",
        "không khớp với mật khẩu mới")
        .as("a refused password is never echoed back").doesNotContain("qwertyuiop");
    assertThat(accounts.passwordHashOf(user)).isEqualTo(hashBefore);
    assertThat(accounts.mustChangePassword(user)).isTrue();
  }

  @Test
  void aPasswordRefusedForAContextWordNamesTheWord() {
    var session = WebSession.loggedIn(web, user, GIVEN);
    session.get("/account/password");
    var listed = session.postForm("/account/password",
        form("currentPassword", GIVEN, "newPassword", "Mật khẩu của tôi 2026", "confirmPassword", "Mật khẩu của tôi 2026"));
    assertThat(listed.getStatus().value()).isEqualTo(422);
    assertThat(listed.getResponseBody()).contains("Mật khẩu mới chứa «matkhau»", "Hãy bỏ «matkhau» ra khỏi mật khẩu.");
    var own = session.postForm("/account/password",
        form("currentPassword", GIVEN, "newPassword", "song " + user + " 99", "confirmPassword", "song " + user + " 99"));
    assertThat(own.getStatus().value()).isEqualTo(422);
    assertThat(own.getResponseBody()).contains("Mật khẩu mới chứa «" + user + "»");
    assertThat(accounts.mustChangePassword(user)).isTrue();
  }

  @Test
  void aWrongCurrentPasswordIsRefused() {
    var session = WebSession.loggedIn(web, user, GIVEN);
    session.get("/account/password");
    var result = session.postForm("/account/password",
        form("currentPassword", "not-the-password", "newPassword", CHOSEN, "confirmPassword", CHOSEN));
    assertThat(result.getStatus().value()).isEqualTo(422);
    assertThat(result.getResponseBody()).contains("Mật khẩu hiện tại không đúng.");
    assertThat(accounts.mustChangePassword(user)).isTrue();
  }

  @Test
  void extraFieldsInTheFormAreIgnored() {
    var session = WebSession.loggedIn(web, user, GIVEN);
    session.get("/account/password");
    var result = session.postForm("/account/password", form(
        "currentPassword", "wrong", "newPassword", CHOSEN, "confirmPassword", CHOSEN,
        "mustChangePassword", "false", "role", "IT_ADMIN", "username", "admin"));
    assertThat(result.getStatus().value()).isEqualTo(422);
    assertThat(accounts.mustChangePassword(user)).isTrue();
    Long admins = db.sql("SELECT count(*) FROM role_grant g JOIN account a ON a.id = g.account_id "
            + "WHERE a.username = :u AND g.role = 'IT_ADMIN'").bind("u", user)
        .map((row, meta) -> row.get(0, Long.class)).one().block(java.time.Duration.ofSeconds(5));
    assertThat(admins).isZero();
  }

  @Test
  void aChangeWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
    var session = WebSession.loggedIn(web, user, GIVEN);
    session.get("/account/password");
    String hashBefore = accounts.passwordHashOf(user);
    var noToken = session.postRaw("/account/password",
        form("currentPassword", GIVEN, "newPassword", CHOSEN, "confirmPassword", CHOSEN));
    var wrongToken = session.postRaw("/account/password",
        form("currentPassword", GIVEN, "newPassword", CHOSEN, "confirmPassword", CHOSEN, "_csrf", "forged"));
    assertThat(noToken.getStatus().value()).isEqualTo(403);
    assertThat(wrongToken.getStatus().value()).isEqualTo(403);
    assertThat(accounts.passwordHashOf(user)).isEqualTo(hashBefore);
  }
}
