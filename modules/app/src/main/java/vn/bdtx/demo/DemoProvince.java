package vn.bdtx.demo;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import vn.bdtx.accounts.Provisioning;
import vn.bdtx.assessment.Quizzes;
import vn.bdtx.assessment.Surveys;
import vn.bdtx.assignments.Grades;
import vn.bdtx.assignments.Submissions;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.cohorts.RunSetup;
import vn.bdtx.completion.Certificates;
import vn.bdtx.completion.Completions;
import vn.bdtx.domain.accounts.Position;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.assignments.Marking;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Lecture;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.accounts.Level;
import vn.bdtx.domain.accounts.OrgUnitKind;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.learning.LectureProgress;
import vn.bdtx.platform.security.Caller;

/**
 * BDTX_DEMO=true: on a database that holds nothing but the first administrator,
 * seeds a sample province — 2 districts, 2 clusters, 6 schools; one module run
 * of GV-02 with classes on day 3 (self-study), day 7 (meetings) and day 12
 * (finishing), and a fourth that ended three days ago, evaluated by the
 * institution with certificates (the evaluation opens only after a class's
 * finishing phase); 80 learners at every stage, from not started to completed
 * with a certificate; core teachers with submissions waiting — and prints one login per
 * role. Learners' work goes through the same services the pages use; the
 * organisation and accounts through accounts' {@link Provisioning}, the run, its
 * staff, groups and registration through cohorts' {@link RunSetup}: the demo owns
 * no table and writes none (DESIGN §5). It never
 * runs on a database with real data: any organisation unit, cohort or second
 * account makes it stop with a message.
 */
@Component
@ConditionalOnProperty(name = "bdtx.demo.enabled", havingValue = "true")
class DemoProvince {

  private static final Logger log = LoggerFactory.getLogger(DemoProvince.class);
  static final String PASSWORD = "demo-bdtx-2026";

  private final Provisioning provisioning;
  private final RunSetup runSetup;
  private final PasswordEncoder encoder;
  private final Courses courses;
  private final Cohorts cohorts;
  private final LectureProgress progress;
  private final Quizzes quizzes;
  private final Surveys surveys;
  private final Submissions submissions;
  private final Grades grades;
  private final Completions completions;
  private final Certificates certificates;
  private final Clock clock;
  private final org.springframework.core.env.Environment env;

  DemoProvince(Provisioning provisioning, RunSetup runSetup, PasswordEncoder encoder, Courses courses, Cohorts cohorts,
               LectureProgress progress, Quizzes quizzes, Surveys surveys, Submissions submissions, Grades grades, Completions completions,
               Certificates certificates, Clock clock,
               org.springframework.core.env.Environment env) {
    this.env = env;
    this.provisioning = provisioning;
    this.runSetup = runSetup;
    this.encoder = encoder;
    this.courses = courses;
    this.cohorts = cohorts;
    this.progress = progress;
    this.quizzes = quizzes;
    this.surveys = surveys;
    this.submissions = submissions;
    this.grades = grades;
    this.completions = completions;
    this.certificates = certificates;
    this.clock = clock;
  }

  private static final Duration WAIT = Duration.ofSeconds(60);

  private String contentDir() {
    return java.nio.file.Path.of(env.getProperty("bdtx.content.dir", "content")).toAbsolutePath().toString();
  }

  /** After the courses are loaded from files (order 10). */
  @EventListener(ApplicationReadyEvent.class)
  @Order(20)
  public void seed() {
    var holdings = provisioning.holdings().block(WAIT);
    long units = holdings.units();
    long classes = runSetup.classes().block(WAIT);
    long accounts = holdings.accounts();
    if (provisioning.exists("it.demo").block(WAIT)) {
      log.info("Demo province already seeded; logins: {}", logins().keySet());
      print(vn.bdtx.platform.startup.OpenAddress.of(env));
      return;
    }
    if (units > 0 || classes > 0 || accounts > 1) {
      log.warn("BDTX_DEMO=true ignored: this database already holds data ({} units, {} classes, {} accounts)."
          + " The demo province is seeded only on an empty database.", units, classes, accounts);
      return;
    }
    Long course = courses.loadedFrom("gv-02-thcs").block(WAIT);
    if (course == null) {
      // The demo's classes study the sample course, loaded from the content folder at start-up.
      log.error("BDTX_DEMO=true: không tạo được tỉnh mẫu vì khóa học mẫu gv-02-thcs chưa có: không tìm thấy thư mục nội dung"
          + " {} (đặt BDTX_CONTENT_DIR là thư mục content/ của mã nguồn). / The demo province was not seeded: the sample"
          + " course gv-02-thcs is missing because the content folder {} was not found (set BDTX_CONTENT_DIR to the"
          + " repository's content/ folder).", contentDir(), contentDir());
      return;
    }
    long started = System.nanoTime();
    seedProvince(course);
    log.info("Demo province seeded in {} s", (System.nanoTime() - started) / 1_000_000_000);
    print(vn.bdtx.platform.startup.OpenAddress.of(env));
  }

  private final Map<String, Long> ids = new LinkedHashMap<>();
  /** One hash for every demo account: BCrypt once, not 69 times. */
  private String hash;

  private long account(String username, String fullName, Long schoolId, Role role, ScopeType scope, Long scopeId) {
    // Everyone at a demo school is a lower-secondary teacher, the principal a manager: peer support names its
    // approver from the position and level, and a profile without them has none.
    long id = provisioning.account(new Provisioning.NewAccount(username, username + "@demo.bdtx.vn", fullName, hash, schoolId,
        schoolId == null ? null : Level.LOWER_SECONDARY,
        schoolId == null ? null : role == Role.PRINCIPAL ? Position.MANAGER : Position.TEACHER, role, scope, scopeId))
        .block(WAIT);
    ids.put(username, id);
    return id;
  }

  private long unit(OrgUnitKind kind, String code, String name, Long parent, Long cluster) {
    return provisioning.unit(kind, code, name, parent, cluster,
        kind == OrgUnitKind.SCHOOL ? Set.of(Level.LOWER_SECONDARY) : Set.of()).block(WAIT);
  }

  private void seedProvince(long course) {
    hash = encoder.encode(PASSWORD);
    long department = unit(OrgUnitKind.DEPARTMENT, "SO-DEMO", "Sở GD&ĐT Tỉnh Mẫu", null, null);
    long[] districts = {unit(OrgUnitKind.DISTRICT_OFFICE, "PGD-DONG", "Phòng GD&ĐT huyện Đông", department, null),
        unit(OrgUnitKind.DISTRICT_OFFICE, "PGD-TAY", "Phòng GD&ĐT huyện Tây", department, null)};
    long[] clusters = {unit(OrgUnitKind.CLUSTER, "CUM-1", "Cụm chuyên môn số 1", department, null),
        unit(OrgUnitKind.CLUSTER, "CUM-2", "Cụm chuyên môn số 2", department, null)};
    long[] schools = new long[6];
    String[] names = {"THCS Hòa Bình", "THCS Tân Tiến", "THCS Quang Trung", "THCS Lê Lợi", "THCS Nguyễn Du", "THCS Chu Văn An"};
    for (int i = 0; i < 6; i++) {
      schools[i] = unit(OrgUnitKind.SCHOOL, "THCS-DEMO-" + (i + 1), names[i], districts[i / 3], clusters[i % 2]);
    }

    account("it.demo", "Tổ CNTT Sở (demo)", null, Role.IT_ADMIN, ScopeType.PROVINCE, null);
    account("giamsat.demo", "Phòng GDTrH — giám sát (demo)", null, Role.SUPERVISOR, ScopeType.PROVINCE, null);
    long lecturer = account("bcv.demo", "Báo cáo viên Trần Minh Khoa", null, Role.LECTURER, ScopeType.PROVINCE, null);
    account("trogiang.demo", "Trợ giảng Lê Thu Hà", null, Role.ASSISTANT, ScopeType.PROVINCE, null);
    long core1 = account("cotcan1.demo", "Cốt cán Phạm Thị Lan", schools[0], Role.CORE_TEACHER, ScopeType.SCHOOL, schools[0]);
    long core2 = account("cotcan2.demo", "Cốt cán Võ Đức Nam", schools[1], Role.CORE_TEACHER, ScopeType.SCHOOL, schools[1]);
    account("csbd.demo", "Trường ĐHSP — cơ sở bồi dưỡng (demo)", null, Role.INSTITUTION, ScopeType.PROVINCE, null);
    account("hieutruong.demo", "Hiệu trưởng THCS Hòa Bình", schools[0], Role.PRINCIPAL, ScopeType.SCHOOL, schools[0]);
    account("phong.demo", "Chuyên viên Phòng GD&ĐT huyện Đông", null, Role.DISTRICT_OFFICER, ScopeType.DISTRICT, districts[0]);

    CourseContent content = courses.latestVersion(course).block(WAIT).content();
    var lecturerCaller = caller(lecturer, "bcv.demo", Role.LECTURER);
    LocalDate today = LocalDate.ofInstant(clock.instant(), CohortSchedule.ZONE);
    long run = runSetup.openRun("GV-02", "Mô đun 2 THCS — đợt demo").block(WAIT);
    String[] stage = {"đang tự học", "sinh hoạt chuyên môn", "hoàn thiện", "đã kết thúc"};
    int[] dayOf = {3, 7, 12, 18};
    for (int c = 0; c < 4; c++) {
      long cohort = ((Cohorts.Opened.Ok) cohorts.open(lecturerCaller, course, "GV-02 THCS — lớp demo " + (c + 1) + " (" + stage[c] + ")",
          today.minusDays(dayOf[c] - 1)).block(WAIT)).cohortId();
      runSetup.staff(cohort, run, lecturer, List.of(ids.get("trogiang.demo"))).block(WAIT);
      long[] groups = {runSetup.group(cohort, clusters[0], core1).block(WAIT), runSetup.group(cohort, clusters[1], core2).block(WAIT)};
      for (int i = 1; i <= 20; i++) {
        int n = c * 20 + i;
        int school = (n - 1) % 6;
        String username = String.format("hv%02d.demo", n);
        String name = DemoNames.of(n);
        long learner = account(username, name, schools[school], Role.LEARNER, ScopeType.SCHOOL, schools[school]);
        cohorts.enroll(cohort, learner, "MAIN").block(WAIT);
        var e = cohorts.enrollment(cohort, learner).block(WAIT);
        runSetup.placeRegistered(e.id(), groups[school % 2]).block(WAIT);
        // The ended class did its work on its day 12, as the class now on day 12 does today.
        Instant at = clock.instant().minus(Duration.ofDays(dayOf[c] - Math.min(dayOf[c], 12)));
        work(c, i, e, content, caller(learner, username, Role.LEARNER), caller(school % 2 == 0 ? core1 : core2,
            school % 2 == 0 ? "cotcan1.demo" : "cotcan2.demo", Role.CORE_TEACHER), at);
      }
      progress.flush().block(WAIT);
      if (c == 3) {
        var institution = caller(ids.get("csbd.demo"), "csbd.demo", Role.INSTITUTION);
        completions.evaluate(institution, cohort, Map.of(), clock.instant()).block(WAIT);
        certificates.issue(cohort, clock.instant()).block(Duration.ofMinutes(5));
      }
    }
  }

  private static Caller caller(long id, String username, Role role) {
    return new Caller(id, username, username, false, Set.of(new Caller.Grant(role, vn.bdtx.domain.accounts.RoleScopes.scopeOf(role), null)));
  }

  /**
   * What learner {@code i} (1–20) of class {@code c} has done by {@code now}. Class 1 (day 3): a third not started, a
   * third studying, a third with every quiz passed. Class 2 (day 7): studying or quizzes passed. Classes 3 (day 12) and
   * 4 (ended, its work done on its day 12): self-study done; then not submitted (1–4), waiting for grading (5–8),
   * returned for revision (9–11), graded (12–15, survey not answered so (i) is still missing) and graded with (i) done
   * (16–20): in class 3 waiting for the institution, in class 4 completed with a certificate.
   */
  private void work(int c, int i, Cohorts.Enrollment e, CourseContent content, Caller learner, Caller core, Instant now) {
    int lectures = c == 0 ? (i % 3 == 1 ? 0 : i % 3 == 2 ? 2 : content.lectures().size())
        : c == 1 ? (i % 2 == 0 ? 3 : content.lectures().size()) : content.lectures().size();
    boolean quizzes = c == 0 ? i % 3 == 0 : c == 1 ? i % 2 == 1 : true;
    boolean survey = c >= 2 && !(i >= 12 && i <= 15);
    for (int l = 0; l < lectures; l++) {
      Lecture lecture = content.lectures().get(l);
      boolean video = lecture.media() != null && lecture.media().video();
      progress.report(e.id(), lecture, new LectureProgress.Report(video ? 600 : 0,
          video ? List.of(new double[] {0, 600}) : List.of(), video ? 600 : 0, !video),
          cohorts.regulation(e).block(WAIT).videoShare());
      if (quizzes && lecture.quizCategory() != null && !lecture.quizCategory().isBlank()) {
        passQuiz(e, content, lecture, learner, now);
      }
    }
    if (survey) {
      for (Question q : content.survey()) {
        surveys.save(e.id(), content, q.id(), 0, now).block(WAIT);
      }
      surveys.submit(e.id(), content, now).block(WAIT);
    }
    if (c < 2 || i <= 4) {
      return;
    }
    var version = submit(e, "Kế hoạch bài dạy — " + learner.username(), now);
    if (i <= 8) {
      return;
    }
    if (i <= 11) {
      grades.returnForRevision(core, e.id(), version, "Cần bổ sung hoạt động Vận dụng và công cụ đánh giá.", null, "", now)
          .block(WAIT);
      return;
    }
    var marks = i <= 15 ? List.of("1,5", "2,5", "2", "1", "0,5") : List.of("2", "2,5", "2", "1,5", "1");
    var marked = (Marking.Marked) Marking.mark(content.assignment().rubric(), marks);
    grades.grade(core, e.id(), version, marked, "Kế hoạch rõ ràng, bám sát yêu cầu cần đạt.", null, "", now).block(WAIT);
  }

  private void passQuiz(Cohorts.Enrollment e, CourseContent content, Lecture lecture, Caller learner, Instant now) {
    var started = quizzes.start(e, content, lecture.id(), now).block(WAIT);
    if (!(started instanceof Quizzes.Started.Ok ok)) {
      return;
    }
    var attempt = ok.attempt();
    for (var item : attempt.paper().items()) {
      Question q = content.question(item.questionId()).orElseThrow();
      var right = new java.util.HashSet<Integer>();
      IntStream.range(0, q.choices().size()).filter(k -> q.choices().get(k).weight() > 0).forEach(right::add);
      quizzes.save(attempt.id(), learner.accountId(), q.id(), right, 1, now).block(WAIT);
    }
    quizzes.submit(attempt.id(), learner.accountId(), content, now).block(WAIT);
  }

  private long submit(Cohorts.Enrollment e, String title, Instant now) {
    try {
      Path file = Files.createTempFile("bdtx-demo-", ".pdf");
      try {
        Files.write(file, pdf(title));
        var received = new Submissions.Received(file, "ke-hoach-bai-day.pdf", "application/pdf", Files.size(file),
            vn.bdtx.platform.storage.FileTypes.sha256(file));
        var outcome = submissions.submit(e, UUID.randomUUID(), List.of(received), now, false).block(WAIT);
        return ((Submissions.Outcome.Stored) outcome).version().id();
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (java.io.IOException x) {
      throw new java.io.UncheckedIOException(x);
    }
  }

  /** A one-page PDF standing for a learner's lesson plan. */
  private static byte[] pdf(String title) {
    var out = new ByteArrayOutputStream();
    var document = new com.lowagie.text.Document();
    com.lowagie.text.pdf.PdfWriter.getInstance(document, out);
    document.open();
    document.add(new com.lowagie.text.Paragraph(java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D')));
    document.add(new com.lowagie.text.Paragraph("Muc tieu, chuoi hoat dong hoc, phuong phap, danh gia (ban demo)."));
    document.close();
    return out.toByteArray();
  }

  private static Map<String, String> logins() {
    var m = new LinkedHashMap<String, String>();
    m.put("IT_ADMIN (Tổ CNTT)", "it.demo");
    m.put("SUPERVISOR (giám sát)", "giamsat.demo");
    m.put("LECTURER (báo cáo viên)", "bcv.demo");
    m.put("ASSISTANT (trợ giảng)", "trogiang.demo");
    m.put("CORE_TEACHER (cốt cán, cụm 1 — có bài chờ chấm)", "cotcan1.demo");
    m.put("CORE_TEACHER (cốt cán, cụm 2)", "cotcan2.demo");
    m.put("INSTITUTION (cơ sở bồi dưỡng)", "csbd.demo");
    m.put("PRINCIPAL (hiệu trưởng)", "hieutruong.demo");
    m.put("DISTRICT_OFFICER (phòng GD&ĐT)", "phong.demo");
    m.put("LEARNER, lớp 1 ngày 3 (chưa học)", "hv01.demo");
    m.put("LEARNER, lớp 1 ngày 3 (xong câu hỏi)", "hv03.demo");
    m.put("LEARNER, lớp 3 ngày 12 (chờ chấm)", "hv45.demo");
    m.put("LEARNER, lớp 3 ngày 12 (trả lại để sửa)", "hv49.demo");
    m.put("LEARNER, lớp 3 ngày 12 (đã chấm, chờ cơ sở đánh giá)", "hv56.demo");
    m.put("LEARNER, lớp 4 đã kết thúc (đã có giấy chứng nhận)", "hv76.demo");
    return m;
  }

  private void print(String openAddress) {
    var b = new StringBuilder("\n\n  Tỉnh demo BDTX / BDTX demo province — " + openAddress + "/login — mật khẩu / password: " + PASSWORD + "\n");
    logins().forEach((role, login) -> b.append(String.format("    %-52s %s%n", role, login)));
    b.append("  (hv01.demo … hv80.demo: 80 học viên; lớp 1 hv01–20, lớp 2 hv21–40, lớp 3 hv41–60, lớp 4 hv61–80)\n");
    log.info(b.toString());
  }

}
