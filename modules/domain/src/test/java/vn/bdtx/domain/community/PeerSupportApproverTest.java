package vn.bdtx.domain.community;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.domain.community.PeerSupportApprover.Authority.DEPARTMENT;
import static vn.bdtx.domain.community.PeerSupportApprover.Authority.DISTRICT_OFFICE;
import static vn.bdtx.domain.community.PeerSupportApprover.Authority.PRINCIPAL;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.accounts.Position;
import vn.bdtx.domain.community.PeerSupportApprover.Decision;
import vn.bdtx.domain.community.PeerSupportApprover.Unit;
import vn.bdtx.domain.accounts.Level;

/** Seed 001, 8.3 "Lưu ý": each case the seed names, then the ones it implies. */
class PeerSupportApproverTest {

  static Decision approver(PeerSupportApprover.Authority a) {
    return new Decision.Approver(a);
  }

  @Test void theTeachersPrincipalApprovesACoreTeacherOfALowerSecondarySchool() {
    assertThat(PeerSupportApprover.of(Position.TEACHER, Level.LOWER_SECONDARY, Unit.SCHOOL_UNDER_DISTRICT))
        .isEqualTo(approver(PRINCIPAL));
  }

  @Test void theTeachersPrincipalApprovesACoreTeacherOfAnUpperSecondarySchool() {
    assertThat(PeerSupportApprover.of(Position.TEACHER, Level.UPPER_SECONDARY, Unit.SCHOOL_UNDER_DEPARTMENT))
        .isEqualTo(approver(PRINCIPAL));
  }

  @Test void thePrincipalApprovesACoreTeacherWhateverTheLevel() {
    assertThat(PeerSupportApprover.of(Position.TEACHER, Level.PRIMARY, Unit.SCHOOL_UNDER_DISTRICT)).isEqualTo(approver(PRINCIPAL));
    assertThat(PeerSupportApprover.of(Position.TEACHER, null, Unit.SCHOOL_UNDER_DISTRICT)).isEqualTo(approver(PRINCIPAL));
  }

  @Test void theDistrictOfficeApprovesACoreTeacherOnItsOwnStaff() {
    assertThat(PeerSupportApprover.of(Position.TEACHER, Level.LOWER_SECONDARY, Unit.DISTRICT_OFFICE))
        .isEqualTo(approver(DISTRICT_OFFICE));
  }

  @Test void theDepartmentApprovesACoreTeacherOnItsOwnStaff() {
    assertThat(PeerSupportApprover.of(Position.TEACHER, Level.UPPER_SECONDARY, Unit.DEPARTMENT)).isEqualTo(approver(DEPARTMENT));
  }

  @Test void theDistrictOfficeApprovesALowerSecondaryCoreManagerOfASchoolUnderIt() {
    assertThat(PeerSupportApprover.of(Position.MANAGER, Level.LOWER_SECONDARY, Unit.SCHOOL_UNDER_DISTRICT))
        .isEqualTo(approver(DISTRICT_OFFICE));
  }

  @Test void theDepartmentApprovesAnUpperSecondaryCoreManager() {
    assertThat(PeerSupportApprover.of(Position.MANAGER, Level.UPPER_SECONDARY, Unit.SCHOOL_UNDER_DEPARTMENT))
        .isEqualTo(approver(DEPARTMENT));
    assertThat(PeerSupportApprover.of(Position.MANAGER, Level.UPPER_SECONDARY, Unit.SCHOOL_UNDER_DISTRICT))
        .isEqualTo(approver(DEPARTMENT));
  }

  @Test void theDepartmentApprovesAManagerOfASchoolDirectlyUnderIt() {
    assertThat(PeerSupportApprover.of(Position.MANAGER, Level.LOWER_SECONDARY, Unit.SCHOOL_UNDER_DEPARTMENT))
        .isEqualTo(approver(DEPARTMENT));
  }

  @Test void theDistrictOfficeApprovesAPrimaryCoreManagerOfASchoolUnderIt() {
    assertThat(PeerSupportApprover.of(Position.MANAGER, Level.PRIMARY, Unit.SCHOOL_UNDER_DISTRICT))
        .isEqualTo(approver(DISTRICT_OFFICE));
  }

  @Test void aManagerOnAnOfficesStaffGoesToThatOffice() {
    assertThat(PeerSupportApprover.of(Position.MANAGER, Level.LOWER_SECONDARY, Unit.DISTRICT_OFFICE))
        .isEqualTo(approver(DISTRICT_OFFICE));
    assertThat(PeerSupportApprover.of(Position.MANAGER, null, Unit.DEPARTMENT)).isEqualTo(approver(DEPARTMENT));
  }

  @Test void noApproverWithoutAPositionOrAUnit() {
    assertThat(PeerSupportApprover.of(null, Level.PRIMARY, Unit.SCHOOL_UNDER_DISTRICT))
        .isEqualTo(new Decision.Unknown(PeerSupportApprover.Reason.NO_POSITION));
    assertThat(PeerSupportApprover.of(Position.TEACHER, Level.PRIMARY, null))
        .isEqualTo(new Decision.Unknown(PeerSupportApprover.Reason.NO_UNIT));
  }

  @Test void thePlanIsDueTheDayBeforeTheRunAndTheReportTwoWeeksAfterIt() {
    var due = PeerSupportDue.defaults(LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 17));
    assertThat(due.plan()).isEqualTo(LocalDate.of(2025, 3, 2));
    assertThat(due.report()).isEqualTo(LocalDate.of(2025, 3, 31));
    assertThat(due.deadline(PeerSupportKind.PLAN)).isEqualTo(Instant.parse("2025-03-02T16:59:59.999999999Z"));
  }

  @Test void aPlanInTheLastSecondOfItsDueDayIsOnTimeAndTheNextIsLate() {
    var due = new PeerSupportDue(LocalDate.of(2025, 3, 2), null);
    assertThat(due.late(PeerSupportKind.PLAN, Instant.parse("2025-03-02T16:59:59Z"))).isFalse();
    assertThat(due.late(PeerSupportKind.PLAN, Instant.parse("2025-03-02T17:00:00Z"))).isTrue();
    assertThat(due.late(PeerSupportKind.REPORT, Instant.parse("2030-01-01T00:00:00Z"))).isFalse();
  }

  @Test void aReturnNeedsAComment() {
    assertThat(PeerSupportDecision.check(PeerSupportDecision.Verdict.RETURNED, "  ", false, true))
        .contains(PeerSupportDecision.Refusal.COMMENT_REQUIRED);
    assertThat(PeerSupportDecision.check(PeerSupportDecision.Verdict.APPROVED, "", false, true)).isEmpty();
    assertThat(PeerSupportDecision.check(PeerSupportDecision.Verdict.APPROVED, "", true, true))
        .contains(PeerSupportDecision.Refusal.ALREADY_DECIDED);
  }
}
