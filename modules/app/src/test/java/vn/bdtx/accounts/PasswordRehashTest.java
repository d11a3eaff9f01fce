package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * A hash stored at a lower BCrypt cost than the setting (10 by default) is re-encoded at the setting's cost on
 * the person's next login and stored, once: later logins check one hash at the full cost and write nothing.
 */
@BdtxIntegrationTest
class PasswordRehashTest {

  static final String PASSWORD = "hoa phuong do 1990";
  static final BCryptPasswordEncoder COST_4 = new BCryptPasswordEncoder(4);

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  TestAccounts accounts;
  String user;

  @BeforeEach
  void aTeacherWhosePasswordWasHashedAtCost4() {
    accounts = new TestAccounts(db, encoder);
    user = "rehash" + System.nanoTime();
    accounts.create(user, PASSWORD, Role.LEARNER);
    storeHash(user, "{bcrypt}" + COST_4.encode(PASSWORD));
  }

  @Test
  void newPasswordsAreHashedAtTheDefaultCost10() {
    assertThat(encoder.encode(PASSWORD)).matches("\\{bcrypt}\\$2[ab]\\$10\\$.{53}");
  }

  @Test
  void theFirstLoginStoresTheHashAtCost10AndTheNextOneWritesNothing() {
    String weak = accounts.passwordHashOf(user);

    WebSession.loggedIn(web, user, PASSWORD);
    String upgraded = accounts.passwordHashOf(user);
    assertThat(upgraded).as("re-encoded at the setting's cost").matches("\\{bcrypt}\\$2[ab]\\$10\\$.{53}")
        .isNotEqualTo(weak);
    assertThat(encoder.matches(PASSWORD, upgraded)).as("the same password").isTrue();

    WebSession.loggedIn(web, user, PASSWORD);
    assertThat(accounts.passwordHashOf(user)).as("not re-encoded again").isEqualTo(upgraded);
  }

  @Test
  void aWrongPasswordChangesNothing() {
    String weak = accounts.passwordHashOf(user);

    var refused = WebSession.anonymous(web).postForm("/login", form("username", user, "password", "hoa phuong do 1991"));
    assertThat(redirectsTo(refused, "/login?error")).isTrue();
    assertThat(accounts.passwordHashOf(user)).isEqualTo(weak);
  }

  @Test
  void aOneTimePasswordKeepsItsCheapHashUntilThePersonChoosesTheirOwn() {
    String sheet = "given" + System.nanoTime();
    accounts.create(sheet, PASSWORD, true, Role.LEARNER);
    storeHash(sheet, "{bcrypt}" + COST_4.encode(PASSWORD));
    String given = accounts.passwordHashOf(sheet);

    var session = WebSession.loggedIn(web, sheet, PASSWORD);
    assertThat(accounts.passwordHashOf(sheet)).as("not re-encoded: it is replaced at this login").isEqualTo(given);

    String chosen = "mua thu ha noi 1985";
    session.get("/account/password");
    session.postForm("/account/password", form("currentPassword", PASSWORD, "newPassword", chosen, "confirmPassword", chosen));
    assertThat(accounts.passwordHashOf(sheet)).as("the chosen password at the full cost")
        .matches("\\{bcrypt}\\$2[ab]\\$10\\$.{53}");
  }

  private void storeHash(String username, String hash) {
    db.sql("UPDATE account SET password_hash = :h WHERE username = :u").bind("h", hash).bind("u", username)
        .then().block(Duration.ofSeconds(10));
  }
}
