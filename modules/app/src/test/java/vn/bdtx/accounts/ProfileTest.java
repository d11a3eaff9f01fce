package vn.bdtx.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;
import static vn.bdtx.support.WebSession.redirectsTo;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Province;
import vn.bdtx.support.SharedProvinceContext;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/** A teacher keeps their profile up to date and asks the department to correct their school. */
@BdtxIntegrationTest
@SharedProvinceContext
class ProfileTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;
  static long schoolA;
  static long schoolB;
  static int n;

  WebSession admin;
  String teacher;
  WebSession session;

  @BeforeEach
  void aTeacherAtSchoolA() {
    var accounts = new TestAccounts(db, encoder);
    if (schoolA == 0) {
      accounts.create("cntt-hoso", "ho so giao vien", Role.IT_ADMIN);
    }
    admin = WebSession.loggedIn(web, "cntt-hoso", "ho so giao vien");
    if (schoolA == 0) {
      var province = new Province(admin);
      long so = province.sharedDepartment(db);
      long pgd = province.district("PGD-HS", "Phòng", so);
      schoolA = province.school("TH-A", "Trường TH A", pgd, null, "PRIMARY");
      schoolB = province.school("TH-B", "Trường TH B", pgd, null, "PRIMARY");
    }
    teacher = "gv" + (++n) + "@tha.edu.vn";
    long id = accounts.create(teacher, "ho so giao vien", Role.LEARNER);
    db.sql("UPDATE account SET email = :e, school_id = :s WHERE id = :id").bind("e", teacher).bind("s", schoolA).bind("id", id)
        .then().block(Duration.ofSeconds(5));
    session = WebSession.loggedIn(web, teacher, "ho so giao vien");
    session.get("/account/profile");
  }

  @Test
  void theTeacherUpdatesBirthDateLevelAndPhoneAndExtraFieldsAreIgnored() {
    var saved = session.postForm("/account/profile", form("dateOfBirth", "05/09/1985", "level", "PRIMARY",
        "phone", "0912 345 678", "email", "hacker@x.vn", "schoolId", String.valueOf(schoolB), "role", "IT_ADMIN"));
    assertThat(redirectsTo(saved, "/account/profile?saved")).isTrue();
    assertThat(value("SELECT date_of_birth::text || ' ' || level || ' ' || phone || ' ' || email || ' ' || school_id"))
        .isEqualTo("1985-09-05 PRIMARY 0912345678 " + teacher + " " + schoolA);
  }

  @Test
  void aBadDateOrPhoneIsExplainedAndNothingChanges() {
    var refused = session.postForm("/account/profile", form("dateOfBirth", "31/02/1985", "level", "PRIMARY", "phone", "123"));
    assertThat(refused.getStatus().value()).isEqualTo(422);
    assertThat(refused.getResponseBody()).contains("Ngày sinh: ngày không tồn tại", "Điện thoại: số điện thoại không đúng dạng");
    assertThat(value("SELECT coalesce(phone, 'none')")).isEqualTo("none");
  }

  @Test
  void aSchoolChangeIsARequestThatTheItAdminApproves() {
    var sent = session.postForm("/account/profile/requests", form("kind", "SCHOOL", "newSchoolCode", "th-b",
        "reason", "Tôi đã chuyển công tác sang trường TH B từ tháng 9."));
    assertThat(redirectsTo(sent, "/account/profile?requested")).isTrue();
    assertThat(value("SELECT school_id::text")).as("nothing changes before approval").isEqualTo(String.valueOf(schoolA));
    assertThat(session.get("/account/profile").getResponseBody()).contains("đang chờ duyệt");

    session.get("/account/profile");
    var second = session.postForm("/account/profile/requests", form("kind", "SCHOOL", "newSchoolCode", "TH-B", "reason", "Gửi lại lần nữa"));
    assertThat(second.getResponseBody()).contains("đã có một đề nghị loại này đang chờ duyệt");

    String list = admin.get("/admin/requests").getResponseBody();
    assertThat(list).contains(teacher, "TH-B — Trường TH B", "Tôi đã chuyển công tác");
    long request = Long.parseLong(value("SELECT (SELECT id FROM change_request WHERE account_id = account.id)::text"));
    assertThat(redirectsTo(admin.postForm("/admin/requests/" + request + "/approve", form()), "/admin/requests?approved")).isTrue();
    assertThat(value("SELECT school_id::text")).isEqualTo(String.valueOf(schoolB));
    assertThat(session.get("/account/profile").getResponseBody()).contains("Trường TH B", "đã duyệt");
    assertThat(db.sql("SELECT count(*) FROM audit_event WHERE action = 'CHANGE_APPROVED'").map((r, m) -> r.get(0, Long.class))
        .one().block(Duration.ofSeconds(5))).isPositive();
  }

  @Test
  void anEmailRequestToAnAddressInUseIsRefusedAndARejectionCarriesItsNote() {
    var taken = session.postForm("/account/profile/requests", form("kind", "EMAIL", "newEmail", "cntt-hoso",
        "reason", "Email cũ bị sai chính tả"));
    assertThat(taken.getResponseBody()).contains("Email mới: email không đúng dạng");
    session.get("/account/profile");
    session.postForm("/account/profile/requests", form("kind", "EMAIL", "newEmail", "moi." + teacher, "reason", "Email cũ bị sai chính tả"));
    long request = Long.parseLong(value("SELECT (SELECT id FROM change_request WHERE account_id = account.id)::text"));
    admin.get("/admin/requests");
    admin.postForm("/admin/requests/" + request + "/reject", form("note", "Vui lòng dùng email công vụ <b>của trường</b>"));
    assertThat(session.get("/account/profile").getResponseBody())
        .contains("không duyệt", "Vui lòng dùng email công vụ &lt;b&gt;của trường&lt;/b&gt;");
    assertThat(value("SELECT email")).isEqualTo(teacher);
  }

  @Test
  void aLearnerCannotSeeOrDecideRequests() {
    assertThat(session.get("/admin/requests").getStatus().value()).isEqualTo(403);
    assertThat(session.postForm("/admin/requests/1/approve", form()).getStatus().value()).isEqualTo(403);
  }

  private String value(String select) {
    return db.sql(select + " FROM account WHERE username = :u").bind("u", teacher)
        .map((r, m) -> r.get(0, String.class)).one().block(Duration.ofSeconds(5));
  }
}
