package vn.bdtx.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.bdtx.domain.accounts.RoleScopes.Refusal;
import vn.bdtx.domain.accounts.OrgUnitKind;

class RoleScopesTest {

  @Test
  void aCoreTeacherIsGrantedAtASchool() {
    assertThat(RoleScopes.checkGrant(Role.CORE_TEACHER, OrgUnitKind.SCHOOL, true)).isEmpty();
    assertThat(RoleScopes.checkGrant(Role.CORE_TEACHER, OrgUnitKind.DISTRICT_OFFICE, true)).contains(Refusal.WRONG_UNIT_KIND);
    assertThat(RoleScopes.checkGrant(Role.CORE_TEACHER, null, true)).contains(Refusal.UNIT_REQUIRED);
  }

  @Test
  void aDistrictOfficerIsGrantedAtADistrictOfficeThatIsActive() {
    assertThat(RoleScopes.checkGrant(Role.DISTRICT_OFFICER, OrgUnitKind.DISTRICT_OFFICE, true)).isEmpty();
    assertThat(RoleScopes.checkGrant(Role.DISTRICT_OFFICER, OrgUnitKind.DISTRICT_OFFICE, false)).contains(Refusal.UNIT_INACTIVE);
  }

  @ParameterizedTest
  @EnumSource(value = Role.class, names = {"SUPERVISOR", "IT_ADMIN", "LECTURER", "ASSISTANT", "INSTITUTION"})
  void provinceWideRolesTakeNoUnit(Role role) {
    assertThat(RoleScopes.checkGrant(role, null, true)).isEmpty();
    assertThat(RoleScopes.checkGrant(role, OrgUnitKind.SCHOOL, true)).contains(Refusal.NO_UNIT_FOR_PROVINCE);
  }

  @Test
  void anItAdminCannotRemoveTheirOwnAdministrationButCanAnothersOrTheirOtherRoles() {
    assertThat(RoleScopes.checkRevoke(Role.IT_ADMIN, 7, 7)).contains(Refusal.OWN_ADMIN_ROLE);
    assertThat(RoleScopes.checkRevoke(Role.IT_ADMIN, 8, 7)).isEmpty();
    assertThat(RoleScopes.checkRevoke(Role.LECTURER, 7, 7)).isEmpty();
  }
}
