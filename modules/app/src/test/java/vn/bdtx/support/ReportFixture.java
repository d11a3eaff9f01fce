package vn.bdtx.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.accounts.SchoolYear;
import vn.bdtx.platform.security.Caller;

/**
 * A small province in the reporting read model, written with SQL as fixtures
 * (report_unit, report_person, report_cohort, report_enrollment), over real
 * classes and enrollments (so reminders, which the cohorts context keeps per
 * enrollment, can be sent), with officials of different scopes who can log in:
 * <pre>
 * Sở (province)
 *  ├─ Phòng 1 (district1): Trường 1 (school1: a1…a5), Trường 2 (school2: b1…b3)
 *  ├─ Phòng 2 (district2): Trường 3 (school3: c1…c4)
 *  └─ Trường 4 under the department (school4: d1, d2)
 * Run "Đợt 1" of today's school year:
 *  cohort1, running (day 14 of 15 today): a1 done so far, a2 no submission, a3 not started, a4 exempt,
 *           a5 reference; c1 not started, c2 submitted. core1 leads a1–a3, core2 leads c1–c2.
 *  cohort2, over: a1 completed (9.5), a2 not completed (4.0), b1–b3 completed, d1, d2 completed.
 *  cohort3, over: c1, c3, c4 completed, c2 not completed (no grade).
 * </pre>
 * District 1: 4 of 8 counted completed (50%), school 1: 1 of 5, school 2: 3 of 3;
 * district 2: 3 of 6; school 4: 2 of 2. Behind today: a2, a3 (district 1), c1 (district 2).
 */
public final class ReportFixture {

  public static final String PASSWORD = "bao cao theo pham vi";

  public final long province;
  public final long district1;
  public final long district2;
  public final long school1;
  public final long school2;
  public final long school3;
  public final long school4;
  public final long run;
  public final long cohort1;
  public final long cohort2;
  public final long cohort3;
  public final String year;
  /** Learners and officials by short name (a1, core1, pgd1 …) → account id. */
  public final Map<String, Long> people = new LinkedHashMap<>();
  /** "a1@1" (learner a1 in cohort1) → enrollment id. */
  public final Map<String, Long> enrollments = new LinkedHashMap<>();

  private final DatabaseClient db;
  private final String prefix;

  private ReportFixture(DatabaseClient db, String prefix, long base, LocalDate today) {
    this.db = db;
    this.prefix = prefix;
    province = base + 1;
    district1 = base + 2;
    district2 = base + 3;
    school1 = base + 4;
    school2 = base + 5;
    school3 = base + 6;
    school4 = base + 7;
    run = base + 50;
    year = SchoolYear.of(today).toString();
    cohort1 = 0;
    cohort2 = 0;
    cohort3 = 0;
  }

  private ReportFixture(ReportFixture f, long cohort1, long cohort2, long cohort3) {
    this.db = f.db;
    this.prefix = f.prefix;
    province = f.province;
    district1 = f.district1;
    district2 = f.district2;
    school1 = f.school1;
    school2 = f.school2;
    school3 = f.school3;
    school4 = f.school4;
    run = f.run;
    year = f.year;
    this.cohort1 = cohort1;
    this.cohort2 = cohort2;
    this.cohort3 = cohort3;
    people.putAll(f.people);
  }

  /**
   * Writes the province. {@code prefix} keeps usernames and codes apart from other
   * fixtures in the same database, {@code base} the unit ids (far above real ones): each class gives its own, since
   * classes that share an application ({@link SharedProvinceContext}) write their provinces into one read model.
   */
  public static ReportFixture create(DatabaseClient db, PasswordEncoder encoder, Cohorts cohorts, String prefix,
                                     long base, LocalDate today) {
    var f = new ReportFixture(db, prefix, base, today);
    f.unit(f.province, "DEPARTMENT", "SO", "Sở GD&ĐT Báo Cáo", null, f.province, null);
    f.unit(f.district1, "DISTRICT_OFFICE", "PGD1", "Phòng GD&ĐT huyện Một", f.province, f.province, f.district1);
    f.unit(f.district2, "DISTRICT_OFFICE", "PGD2", "Phòng GD&ĐT huyện Hai", f.province, f.province, f.district2);
    f.unit(f.school1, "SCHOOL", "T1", "Trường Tiểu học Một", f.district1, f.province, f.district1);
    f.unit(f.school2, "SCHOOL", "T2", "Trường Tiểu học Hai", f.district1, f.province, f.district1);
    f.unit(f.school3, "SCHOOL", "T3", "Trường THCS Ba", f.district2, f.province, f.district2);
    f.unit(f.school4, "SCHOOL", "T4", "Trường THPT Bốn", f.province, f.province, null);

    // Officials who log in, each with a grant of their own scope.
    var hash = encoder.encode(PASSWORD);
    f.official("pgd1", hash, Role.DISTRICT_OFFICER, ScopeType.DISTRICT, f.district1);
    f.official("pgd2", hash, Role.DISTRICT_OFFICER, ScopeType.DISTRICT, f.district2);
    f.official("ht1", hash, Role.PRINCIPAL, ScopeType.SCHOOL, f.school1);
    f.official("ht3", hash, Role.PRINCIPAL, ScopeType.SCHOOL, f.school3);
    f.official("core1", hash, Role.CORE_TEACHER, ScopeType.PROVINCE, null);
    f.official("core2", hash, Role.CORE_TEACHER, ScopeType.PROVINCE, null);
    f.official("so", hash, Role.SUPERVISOR, ScopeType.PROVINCE, null);

    for (String a : new String[] {"a1", "a2", "a3", "a4", "a5"}) {
      f.learner(a, "Giáo viên " + a.toUpperCase(), f.school1, f.district1);
    }
    for (String b : new String[] {"b1", "b2", "b3"}) {
      f.learner(b, "Giáo viên " + b.toUpperCase(), f.school2, f.district1);
    }
    for (String c : new String[] {"c1", "c2", "c3", "c4"}) {
      f.learner(c, "Giáo viên " + c.toUpperCase(), f.school3, f.district2);
    }
    for (String d : new String[] {"d1", "d2"}) {
      f.learner(d, "Giáo viên " + d.toUpperCase(), f.school4, null);
    }

    // Real classes (a lecturer opens them from the sample course), so that enrollments exist for reminders.
    long lecturer = f.account(prefix + "-bcv", "Báo cáo viên", null);
    var by = new Caller(lecturer, prefix + "-bcv", "BCV", false, Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = Sql.number(db, "SELECT id FROM course WHERE source_dir = 'gv-02-thcs'");
    LocalDate start1 = today.minusDays(13);
    LocalDate start2 = today.minusDays(40);
    long c1 = open(cohorts, by, course, "Lớp " + prefix + " 1", start1);
    long c2 = open(cohorts, by, course, "Lớp " + prefix + " 2", start2);
    long c3 = open(cohorts, by, course, "Lớp " + prefix + " 3", start2);
    var g = new ReportFixture(f, c1, c2, c3);
    g.cohort(c1, "Lớp " + prefix + " 1", start1);
    g.cohort(c2, "Lớp " + prefix + " 2", start2);
    g.cohort(c3, "Lớp " + prefix + " 3", start2);

    long core1 = g.people.get("core1");
    long core2 = g.people.get("core2");
    LocalDate d1 = start1.plusDays(14);
    LocalDate d2 = start2.plusDays(14);
    // cohort1, running
    g.enroll(cohorts, "a1", c1, true, d1).started().selfStudy().submitted().graded("8.0").survey(4, 5).core(core1, 1).write();
    g.enroll(cohorts, "a2", c1, true, d1).started().core(core1, 1).write();
    g.enroll(cohorts, "a3", c1, true, d1).core(core1, 1).write();
    g.enroll(cohorts, "a4", c1, true, d1).exemption("EXEMPT").write();
    g.enroll(cohorts, "a5", c1, false, d1.plusDays(15)).started().write();
    g.enroll(cohorts, "c1", c1, true, d1).core(core2, 2).write();
    g.enroll(cohorts, "c2", c1, true, d1).started().submitted().core(core2, 2).write();
    // cohort2, over
    g.enroll(cohorts, "a1", c2, true, d2).started().selfStudy().submitted().graded("9.5").institution("PASSED")
        .completed("BC-0001").survey(5, 5).write();
    g.enroll(cohorts, "a2", c2, true, d2).started().selfStudy().submitted().graded("4.0").institution("PASSED")
        .notCompleted().survey(1, 5).write();
    g.enroll(cohorts, "b1", c2, true, d2).started().selfStudy().submitted().graded("7.0").institution("PASSED")
        .completed("BC-0002").survey(5, 5).write();
    g.enroll(cohorts, "b2", c2, true, d2).started().selfStudy().submitted().graded("6.5").institution("PASSED")
        .completed("BC-0003").exemption("REDUCED").survey(3, 5).write();
    g.enroll(cohorts, "b3", c2, true, d2).started().selfStudy().submitted().graded("10.0").institution("PASSED")
        .completed("BC-0004").survey(5, 5).write();
    g.enroll(cohorts, "d1", c2, true, d2).started().selfStudy().submitted().graded("8.0").institution("PASSED")
        .completed("BC-0005").write();
    g.enroll(cohorts, "d2", c2, true, d2).started().selfStudy().submitted().graded("5.0").institution("PASSED")
        .completed("BC-0006").write();
    // cohort3, over
    g.enroll(cohorts, "c1", c3, true, d2).started().selfStudy().submitted().graded("5.0").institution("PASSED")
        .completed("BC-0007").survey(2, 5).write();
    g.enroll(cohorts, "c2", c3, true, d2).started().selfStudy().institution("PASSED").notCompleted().write();
    g.enroll(cohorts, "c3", c3, true, d2).started().selfStudy().submitted().graded("8.5").institution("PASSED")
        .completed("BC-0008").write();
    g.enroll(cohorts, "c4", c3, true, d2).started().selfStudy().submitted().graded("7.5").institution("PASSED")
        .completed("BC-0009").write();
    g.settle();
    return g;
  }

  public String username(String shortName) {
    return prefix + "-" + shortName;
  }

  private static long open(Cohorts cohorts, Caller by, long course, String name, LocalDate start) {
    return ((Cohorts.Opened.Ok) cohorts.open(by, course, name, start).block(Duration.ofSeconds(10))).cohortId();
  }

  private void unit(long id, String kind, String code, String name, Long parent, Long provinceId, Long districtId) {
    var spec = db.sql("""
            INSERT INTO report_unit (id, kind, code, name, parent_id, province_id, district_id)
            VALUES (:id, :k, :c, :n, :parent, :p, :d)""")
        .bind("id", id).bind("k", kind).bind("c", prefix + "-" + code).bind("n", name).bind("p", provinceId);
    spec = parent == null ? spec.bindNull("parent", Long.class) : spec.bind("parent", parent);
    spec = districtId == null ? spec.bindNull("d", Long.class) : spec.bind("d", districtId);
    spec.then().block(Duration.ofSeconds(10));
  }

  private long account(String username, String fullName, String hash) {
    long id = db.sql("INSERT INTO account (username, full_name, password_hash, must_change_password) VALUES (:u, :n, :h, FALSE) RETURNING id")
        .bind("u", username).bind("n", fullName)
        .bind("h", hash == null ? "!" : hash)
        .map((r, m) -> r.get("id", Long.class)).one().block(Duration.ofSeconds(10));
    return id;
  }

  private void official(String shortName, String hash, Role role, ScopeType scope, Long scopeId) {
    long id = account(username(shortName), "Cán bộ " + shortName.toUpperCase(), hash);
    var spec = db.sql("INSERT INTO role_grant (account_id, role, scope_type, scope_id) VALUES (:a, :r, :s, :i)")
        .bind("a", id).bind("r", role.name()).bind("s", scope.name());
    spec = scopeId == null ? spec.bindNull("i", Long.class) : spec.bind("i", scopeId);
    spec.then().block(Duration.ofSeconds(10));
    people.put(shortName, id);
  }

  private void learner(String shortName, String fullName, long school, Long district) {
    long id = account(username(shortName), fullName, null);
    people.put(shortName, id);
    var spec = db.sql("""
            INSERT INTO report_person (account_id, username, full_name, date_of_birth, school_id, district_id, province_id, level, position)
            VALUES (:a, :u, :n, :b, :s, :d, :p, 'PRIMARY', 'TEACHER')""")
        .bind("a", id).bind("u", username(shortName)).bind("n", fullName).bind("b", LocalDate.of(1985, 5, 20))
        .bind("s", school).bind("p", province);
    spec = district == null ? spec.bindNull("d", Long.class) : spec.bind("d", district);
    spec.then().block(Duration.ofSeconds(10));
  }

  private void cohort(long id, String name, LocalDate start) {
    rows.add(db.sql("""
            INSERT INTO report_cohort (cohort_id, run_id, run_name, name, module_code, module_title, periods, start_date, last_day, school_year)
            VALUES (:id, :run, 'Đợt 1', :name, 'GV-02', 'Sử dụng phương pháp dạy học', 40, :start, :last, :year)
            ON CONFLICT (cohort_id) DO UPDATE SET run_id = EXCLUDED.run_id, run_name = EXCLUDED.run_name, name = EXCLUDED.name,
              module_code = EXCLUDED.module_code, module_title = EXCLUDED.module_title, periods = EXCLUDED.periods,
              start_date = EXCLUDED.start_date, last_day = EXCLUDED.last_day, school_year = EXCLUDED.school_year""")
        .bind("id", id).bind("run", run).bind("name", name).bind("start", start).bind("last", start.plusDays(14))
        .bind("year", year).then());
  }

  /** The read-model rows the fixture describes, written together by {@link #settle}. */
  private final java.util.List<reactor.core.publisher.Mono<Void>> rows = new java.util.ArrayList<>();

  /** Writes the described rows over the real classes' (see {@link ReadModelFixtures#describe}). */
  private void settle() {
    ReadModelFixtures.describe(db, java.util.List.of(cohort1, cohort2, cohort3), enrollments.values(), rows);
  }

  private Enrolled enroll(Cohorts cohorts, String learner, long cohort, boolean main, LocalDate deadline) {
    long account = people.get(learner);
    cohorts.enroll(cohort, account, main ? "MAIN" : "REFERENCE").block(Duration.ofSeconds(10));
    long id = Sql.number(db, "SELECT id FROM enrollment WHERE cohort_id = $1 AND account_id = $2", cohort, account);
    String key = learner + "@" + (cohort == cohort1 ? 1 : cohort == cohort2 ? 2 : 3);
    enrollments.put(key, id);
    return new Enrolled(id, account, cohort, main, deadline);
  }

  /** One report_enrollment row being described. */
  private final class Enrolled {
    final long id;
    final long account;
    final long cohort;
    final boolean main;
    final LocalDate deadline;
    boolean started;
    boolean selfStudy;
    boolean submitted;
    boolean graded;
    BigDecimal grade;
    String institution;
    String outcome;
    String exemption;
    String certificate;
    int positive;
    int rated;
    Long core;
    Long group;

    Enrolled(long id, long account, long cohort, boolean main, LocalDate deadline) {
      this.id = id;
      this.account = account;
      this.cohort = cohort;
      this.main = main;
      this.deadline = deadline;
    }

    Enrolled started() {
      started = true;
      return this;
    }

    Enrolled selfStudy() {
      selfStudy = true;
      return this;
    }

    Enrolled submitted() {
      submitted = true;
      return this;
    }

    Enrolled graded(String g) {
      graded = true;
      grade = new BigDecimal(g);
      return this;
    }

    Enrolled institution(String i) {
      institution = i;
      return this;
    }

    Enrolled completed(String certificateNumber) {
      outcome = "COMPLETED";
      certificate = certificateNumber;
      return this;
    }

    Enrolled notCompleted() {
      outcome = "NOT_COMPLETED";
      return this;
    }

    Enrolled exemption(String e) {
      exemption = e;
      return this;
    }

    Enrolled survey(int p, int r) {
      positive = p;
      rated = r;
      return this;
    }

    Enrolled core(long coreTeacher, long groupNumber) {
      core = coreTeacher;
      group = groupNumber;
      return this;
    }

    void write() {
      var spec = ReportFixture.this.db.sql("""
              INSERT INTO report_enrollment (enrollment_id, account_id, cohort_id, run_id, module_code, school_year, main,
                school_id, district_id, province_id, group_id, core_teacher_id, deadline, started, items_done, items_total,
                self_study_done, submitted, graded, final_grade, institution, outcome, survey_submitted, survey_positive,
                survey_rated, exemption, certificate_number, certificate_issued_at, refreshed_at)
              SELECT :id, :a, :c, :run, 'GV-02', :y, :main, p.school_id, p.district_id, p.province_id, :g, :core, :deadline,
                :started, :done, 12, :self, :submitted, :graded, :grade, :inst, :outcome, :surveyed, :pos, :rated, :ex,
                :cert, :issued, now()
              FROM report_person p WHERE p.account_id = :a""")
          .bind("id", id).bind("a", account).bind("c", cohort).bind("run", run).bind("y", year).bind("main", main)
          .bind("deadline", deadline).bind("started", started).bind("done", started ? (selfStudy ? 12 : 5) : 0)
          .bind("self", selfStudy).bind("submitted", submitted).bind("graded", graded).bind("surveyed", rated > 0)
          .bind("pos", positive).bind("rated", rated);
      spec = group == null ? spec.bindNull("g", Long.class) : spec.bind("g", group);
      spec = core == null ? spec.bindNull("core", Long.class) : spec.bind("core", core);
      spec = grade == null ? spec.bindNull("grade", BigDecimal.class) : spec.bind("grade", grade);
      spec = institution == null ? spec.bindNull("inst", String.class) : spec.bind("inst", institution);
      spec = outcome == null ? spec.bindNull("outcome", String.class) : spec.bind("outcome", outcome);
      spec = exemption == null ? spec.bindNull("ex", String.class) : spec.bind("ex", exemption);
      spec = certificate == null ? spec.bindNull("cert", String.class) : spec.bind("cert", certificate);
      spec = certificate == null ? spec.bindNull("issued", Instant.class) : spec.bind("issued", deadline.plusDays(3)
          .atStartOfDay(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toOffsetDateTime());
      rows.add(spec.then());
    }
  }
}
