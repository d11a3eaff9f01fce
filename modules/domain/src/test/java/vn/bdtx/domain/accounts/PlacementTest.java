package vn.bdtx.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.domain.accounts.OrgUnitKind.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.accounts.Placement.Refusal;

class PlacementTest {

  @Test
  void aSchoolGoesUnderADistrictOfficeOrDirectlyUnderTheDepartment() {
    assertThat(Placement.check(SCHOOL, null, DISTRICT_OFFICE, true, List.of(2L, 1L))).isEmpty();
    assertThat(Placement.check(SCHOOL, null, DEPARTMENT, true, List.of(1L))).isEmpty();
  }

  @Test
  void aDistrictOfficeCannotGoUnderASchool() {
    assertThat(Placement.check(DISTRICT_OFFICE, null, SCHOOL, true, List.of(5L, 2L, 1L)))
        .containsExactly(Refusal.WRONG_PARENT_KIND);
  }

  @Test
  void theDepartmentHasNoParentAndEveryOtherUnitHasOne() {
    assertThat(Placement.check(DEPARTMENT, null, null, true, List.of())).isEmpty();
    assertThat(Placement.check(DEPARTMENT, null, DEPARTMENT, true, List.of(1L))).containsExactly(Refusal.ROOT_HAS_NO_PARENT);
    assertThat(Placement.check(SCHOOL, null, null, true, List.of())).containsExactly(Refusal.PARENT_REQUIRED);
  }

  @Test
  void aUnitCannotBeMovedUnderItself() {
    assertThat(Placement.check(CLUSTER, 7L, DISTRICT_OFFICE, true, List.of(7L, 1L))).containsExactly(Refusal.CYCLE);
  }

  @Test
  void nothingNewGoesUnderADeactivatedUnit() {
    assertThat(Placement.check(SCHOOL, null, DISTRICT_OFFICE, false, List.of(2L, 1L))).containsExactly(Refusal.PARENT_INACTIVE);
  }

  @Test
  void levelsAreReadAsSchoolsWriteThem() {
    assertThat(Level.parse("THCS")).contains(Level.LOWER_SECONDARY);
    assertThat(Level.parse("Trung học phổ thông")).contains(Level.UPPER_SECONDARY);
    assertThat(Level.parse("tiểu học")).contains(Level.PRIMARY);
    assertThat(Level.parse("mầm non")).isEmpty();
  }
}
