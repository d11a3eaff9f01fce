package vn.bdtx.community.peersupport;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.Sql;
import vn.bdtx.support.TestAccounts;

/**
 * A province for peer support, in the seed's words: the department, two district offices, a lower-secondary school
 * A (cluster K1) and a school B of district 1, an upper-secondary school T under the department; core teachers and
 * managers of each kind, the principals of A and B, an officer of each district and a department supervisor.
 */
final class PeerSupportFixture {

  static final String PW = "ho tro dong nghiep";

  final DatabaseClient db;
  final TestAccounts accounts;
  final Cohorts cohorts;
  long so;
  long pgd1;
  long pgd2;
  long k1;
  long schoolA;
  long schoolB;
  long schoolT;
  long gvA;
  long colleagueA;
  long gvB;
  long qlA;
  long qlT;
  long staff1;
  long htA;

  PeerSupportFixture(DatabaseClient db, PasswordEncoder encoder, Cohorts cohorts) {
    this.db = db;
    this.accounts = new TestAccounts(db, encoder);
    this.cohorts = cohorts;
  }

  PeerSupportFixture create(String p) {
    so = unit("DEPARTMENT", p + "SO", "Sở GD&ĐT", null, null, "");
    pgd1 = unit("DISTRICT_OFFICE", p + "PGD1", "Phòng GD&ĐT Đồng Xoài", so, null, "");
    pgd2 = unit("DISTRICT_OFFICE", p + "PGD2", "Phòng GD&ĐT Bù Đăng", so, null, "");
    k1 = unit("CLUSTER", p + "K1", "Cụm trường số 1", pgd1, null, "");
    schoolA = unit("SCHOOL", p + "A", "Trường THCS Tân Phú", pgd1, k1, "LOWER_SECONDARY");
    schoolB = unit("SCHOOL", p + "B", "Trường THCS Tân Bình", pgd1, null, "LOWER_SECONDARY");
    schoolT = unit("SCHOOL", p + "T", "Trường THPT Đồng Xoài", so, null, "UPPER_SECONDARY");
    gvA = person(p + "gv.a", "Nguyễn Thị Ánh", schoolA, "TEACHER", "LOWER_SECONDARY", Role.CORE_TEACHER);
    colleagueA = person(p + "gv.dongnghiep", "Trần Văn Bình", schoolA, "TEACHER", "LOWER_SECONDARY", Role.LEARNER);
    gvB = person(p + "gv.b", "Lê Thị Cúc", schoolB, "TEACHER", "LOWER_SECONDARY", Role.CORE_TEACHER);
    qlA = person(p + "ql.a", "Phạm Văn Dũng", schoolA, "MANAGER", "LOWER_SECONDARY", Role.CORE_TEACHER);
    qlT = person(p + "ql.t", "Hồ Thị Én", schoolT, "MANAGER", "UPPER_SECONDARY", Role.CORE_TEACHER);
    staff1 = person(p + "cv.pgd1", "Vũ Văn Giang", pgd1, "TEACHER", "LOWER_SECONDARY", Role.CORE_TEACHER);
    htA = grant(accounts.create(p + "ht.a", PW), Role.PRINCIPAL, ScopeType.SCHOOL, schoolA);
    grant(accounts.create(p + "ht.b", PW), Role.PRINCIPAL, ScopeType.SCHOOL, schoolB);
    grant(accounts.create(p + "pgd.1", PW), Role.DISTRICT_OFFICER, ScopeType.DISTRICT, pgd1);
    grant(accounts.create(p + "pgd.2", PW), Role.DISTRICT_OFFICER, ScopeType.DISTRICT, pgd2);
    accounts.create(p + "so.giamsat", PW, Role.SUPERVISOR);
    return this;
  }

  long unit(String kind, String code, String name, Long parent, Long cluster, String levels) {
    return Sql.number(db, """
        INSERT INTO org_unit (kind, code, name, parent_id, cluster_id, levels) VALUES ($1, $2, $3, NULLIF($4, -1), NULLIF($5, -1), $6) RETURNING id""",
        kind, code, name, parent == null ? -1L : parent, cluster == null ? -1L : cluster, levels) ;
  }

  long person(String username, String fullName, long unit, String position, String level, Role role) {
    long id = accounts.create(username, PW, role);
    Sql.run(db, "UPDATE account SET full_name = $1, school_id = $2, position = $3, level = $4 WHERE id = $5",
        fullName, unit, position, level, id);
    return id;
  }

  long grant(long account, Role role, ScopeType type, long scope) {
    Sql.run(db, "INSERT INTO role_grant (account_id, role, scope_type, scope_id) VALUES ($1, $2, $3, $4)", account, role.name(),
        type.name(), scope);
    return account;
  }

  /** A run with one class starting on {@code start}, whose group of cluster K1 is led by core teacher A. */
  long run(String name, LocalDate start) {
    long lecturer = accounts.create("bcv." + name.hashCode() + "." + System.nanoTime(), PW, Role.LECTURER);
    var by = new Caller(lecturer, "bcv", "BCV", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get(0, Long.class)).one()
        .block(Duration.ofSeconds(5));
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, "Lớp " + name, start).block(Duration.ofSeconds(10))).cohortId();
    long run = Sql.number(db, "INSERT INTO module_run (module_code, name) VALUES ('GV-02', $1) RETURNING id", name);
    Sql.run(db, "UPDATE cohort SET run_id = $1 WHERE id = $2", run, cohort);
    Sql.run(db, "INSERT INTO cohort_group (cohort_id, cluster_id, core_teacher_id) VALUES ($1, $2, $3)", cohort, k1, gvA);
    return run;
  }
}
