package vn.bdtx.domain.community;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.domain.community.AnnouncementRights.Decision.ALLOWED;
import static vn.bdtx.domain.community.AnnouncementRights.Decision.OUTSIDE_SCOPE;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.community.AnnouncementRights.Facts;
import vn.bdtx.domain.community.AnnouncementRights.Grant;

class AnnouncementRightsTest {

  static final Audience CLASS_7 = new Audience(Audience.Type.CLASS, 7L);
  static final Audience SCHOOL_3 = new Audience(Audience.Type.SCHOOL, 3L);
  static final Audience DISTRICT_2 = new Audience(Audience.Type.DISTRICT, 2L);
  static final Audience PROVINCE = new Audience(Audience.Type.PROVINCE, null);

  private static AnnouncementRights.Decision decide(Grant g, Audience to, Facts f) {
    return AnnouncementRights.decide(List.of(g), to, f);
  }

  @Test
  void aLecturerAnnouncesOnlyToTheClassesTheyLecture() {
    var lecturer = new Grant(Role.LECTURER, ScopeType.PROVINCE, null);
    assertThat(decide(lecturer, CLASS_7, new Facts(true, null))).isEqualTo(ALLOWED);
    assertThat(decide(lecturer, CLASS_7, Facts.NONE)).isEqualTo(OUTSIDE_SCOPE);
    assertThat(decide(lecturer, PROVINCE, Facts.NONE)).isEqualTo(OUTSIDE_SCOPE);
  }

  @Test
  void supervisorsAndTheItTeamAnnounceToAnyScope() {
    for (Role r : List.of(Role.SUPERVISOR, Role.IT_ADMIN)) {
      var g = new Grant(r, ScopeType.PROVINCE, null);
      assertThat(decide(g, PROVINCE, Facts.NONE)).isEqualTo(ALLOWED);
      assertThat(decide(g, new Audience(Audience.Type.RUN, 4L), Facts.NONE)).isEqualTo(ALLOWED);
      assertThat(decide(g, CLASS_7, Facts.NONE)).isEqualTo(ALLOWED);
    }
  }

  @Test
  void aDistrictOfficerAnnouncesToTheirDistrictAndItsSchoolsOnly() {
    var officer = new Grant(Role.DISTRICT_OFFICER, ScopeType.DISTRICT, 2L);
    assertThat(decide(officer, DISTRICT_2, Facts.NONE)).isEqualTo(ALLOWED);
    assertThat(decide(officer, SCHOOL_3, new Facts(false, 2L))).isEqualTo(ALLOWED);
    assertThat(decide(officer, SCHOOL_3, new Facts(false, 9L))).isEqualTo(OUTSIDE_SCOPE);
    assertThat(decide(officer, new Audience(Audience.Type.DISTRICT, 9L), Facts.NONE)).isEqualTo(OUTSIDE_SCOPE);
    assertThat(decide(officer, PROVINCE, Facts.NONE)).isEqualTo(OUTSIDE_SCOPE);
  }

  @Test
  void aPrincipalAnnouncesToTheirSchoolOnly() {
    var principal = new Grant(Role.PRINCIPAL, ScopeType.SCHOOL, 3L);
    assertThat(decide(principal, SCHOOL_3, new Facts(false, 2L))).isEqualTo(ALLOWED);
    assertThat(decide(principal, new Audience(Audience.Type.SCHOOL, 4L), new Facts(false, 2L))).isEqualTo(OUTSIDE_SCOPE);
    assertThat(decide(principal, DISTRICT_2, Facts.NONE)).isEqualTo(OUTSIDE_SCOPE);
  }

  @Test
  void learnersAndCoreTeachersAnnounceNothing() {
    assertThat(AnnouncementRights.choices(List.of(new Grant(Role.LEARNER, ScopeType.PROVINCE, null),
        new Grant(Role.CORE_TEACHER, ScopeType.PROVINCE, null)))).isEmpty();
    assertThat(decide(new Grant(Role.CORE_TEACHER, ScopeType.PROVINCE, null), CLASS_7, new Facts(true, null)))
        .isEqualTo(OUTSIDE_SCOPE);
  }
}
