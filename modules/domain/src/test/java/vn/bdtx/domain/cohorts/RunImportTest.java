package vn.bdtx.domain.cohorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.SchoolYear;
import vn.bdtx.domain.catalog.CourseLevel;
import vn.bdtx.domain.imports.Headers;
import vn.bdtx.domain.imports.RowProblem;
import vn.bdtx.domain.cohorts.EnrollmentKind;
import vn.bdtx.domain.cohorts.ScheduleTemplate;

class RunImportTest {

  static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
  static final List<String> HEADER = List.of("lop", "mo_dun", "cap_hoc", "mon", "ngay_bat_dau", "lich", "bao_cao_vien",
      "tro_giang", "hoc_vien", "loai", "cot_can");

  /** Two clusters (10, 20); GV-02 needs GV-01. */
  static final class Province implements RunImport.Directory {
    final Map<String, RunImport.Person> people = new HashMap<>();

    Province() {
      add(1, "bcv.toan", null, Set.of(), Role.LECTURER);
      add(2, "tg.an", null, Set.of(), Role.ASSISTANT);
      add(3, "cc.cum1", 10L, Set.of("GV-01"), Role.CORE_TEACHER, Role.LEARNER);
      add(4, "cc.cum2", 20L, Set.of("GV-01"), Role.CORE_TEACHER, Role.LEARNER);
      for (int i = 11; i <= 16; i++) {
        add(i, "gv" + i, i % 2 == 1 ? 10L : 20L, Set.of("GV-01"), Role.LEARNER);
      }
      add(30, "gv.moi", 10L, Set.of(), Role.LEARNER);
      people.put("gv.nghi-huu", new RunImport.Person(31, "gv.nghi-huu", Set.of(Role.LEARNER), 10L,
          Set.of(new SchoolYear(2026)), Set.of("GV-01"), List.of()));
      people.put("gv.dang-hoc", new RunImport.Person(32, "gv.dang-hoc", Set.of(Role.LEARNER), 10L, Set.of(), Set.of("GV-01"),
          List.of(new RunImport.Enrolled("GV-02", new SchoolYear(2026), "Lớp cũ"), new RunImport.Enrolled("GV-03", new SchoolYear(2026), "Lớp khác"))));
    }

    void add(long id, String login, Long cluster, Set<String> done, Role... roles) {
      people.put(login, new RunImport.Person(id, login, Set.of(roles), cluster, Set.of(), done, List.of()));
    }

    @Override
    public Optional<RunImport.CourseRef> course(String module, CourseLevel level, String subject) {
      if (!module.equals("GV-02") || level != CourseLevel.LOWER_SECONDARY) {
        return Optional.empty();
      }
      return switch (subject) {
        case "Toán" -> Optional.of(new RunImport.CourseRef(100, "GV-02", true));
        case "Ngữ văn" -> Optional.of(new RunImport.CourseRef(101, "GV-02", true));
        case "Tin học" -> Optional.of(new RunImport.CourseRef(102, "GV-02", false));
        default -> Optional.empty();
      };
    }

    @Override
    public Optional<RunImport.Person> person(String login) {
      return Optional.ofNullable(people.get(login));
    }

    @Override
    public Set<String> prerequisites(String module) {
      return module.equals("GV-02") ? Set.of("GV-01") : Set.of();
    }
  }

  static List<String> row(String cohort, String subject, String learner, String kind, String core) {
    return Arrays.asList(cohort, "GV-02", "THCS", subject, "7/12/2026", "", "bcv.toan", "tg.an", learner, kind, core);
  }

  static RunImport.Validation validate(List<List<String>> rows) {
    return RunImport.validate(HEADER, rows.iterator(), new Province(), TODAY, 1000);
  }

  @Test
  void threeClassesWithTheirLearnersGroupsAndCoreTeachersArePlanned() {
    var v = validate(List.of(
        row("Lớp Toán 1", "Toán", "gv11", "", "cc.cum1"),
        row("Lớp Toán 1", "Toán", "gv12", "chính", "cc.cum2"),
        row("Lớp Toán 1", "Toán", "gv13", "", ""),
        row("Lớp Văn 1", "Ngữ văn", "gv14", "Chính", "cc.cum1"),
        row("Lớp Văn 1", "Ngữ văn", "gv11", "tham khảo", ""),
        row("Lớp Toán 2", "Toán", "gv15", "", "cc.cum2"),
        row("Lớp Toán 2", "Toán", "gv16", "MAIN", "")));
    assertThat(v.problems()).isEmpty();
    assertThat(v.moduleCode()).isEqualTo("GV-02");
    assertThat(v.cohorts()).extracting(RunImport.PlannedCohort::name).containsExactly("Lớp Toán 1", "Lớp Văn 1", "Lớp Toán 2");
    var toan1 = v.cohorts().get(0);
    assertThat(toan1.courseId()).isEqualTo(100);
    assertThat(toan1.start()).isEqualTo(LocalDate.of(2026, 12, 7));
    assertThat(toan1.template()).isEqualTo(ScheduleTemplate.DEFAULT);
    assertThat(toan1.assistantIds()).containsExactly(2L);
    // gv13 is in cluster 10 like gv11: the core teacher named on gv11's row leads their group.
    assertThat(toan1.learners()).extracting(RunImport.PlannedEnrollment::accountId, RunImport.PlannedEnrollment::kind,
            RunImport.PlannedEnrollment::clusterId, RunImport.PlannedEnrollment::coreTeacherId)
        .containsExactly(tuple(11L, EnrollmentKind.MAIN, 10L, 3L), tuple(12L, EnrollmentKind.MAIN, 20L, 4L),
            tuple(13L, EnrollmentKind.MAIN, 10L, 3L));
    assertThat(v.cohorts().get(1).learners()).extracting(RunImport.PlannedEnrollment::kind)
        .containsExactly(EnrollmentKind.MAIN, EnrollmentKind.REFERENCE);
    assertThat(v.learners()).isEqualTo(7);
  }

  @Test
  void everyProblemIsReportedByRowAndColumnAndNothingIsPlanned() {
    var rows = new ArrayList<List<String>>();
    rows.add(row("Lớp Toán 1", "Toán", "gv11", "", "cc.cum1"));
    rows.add(row("Lớp Toán 1", "Toán", "gv11", "", ""));                 // row 3: twice in one class
    rows.add(row("Lớp Toán 1", "Toán", "khong.co", "", ""));             // row 4: unknown person
    rows.add(row("Lớp Toán 1", "Toán", "bcv.toan", "", ""));             // row 5: not a learner
    rows.add(row("Lớp Toán 1", "Toán", "gv.moi", "", ""));               // row 6: GV-01 not completed
    rows.add(row("Lớp Toán 1", "Toán", "gv.nghi-huu", "", ""));          // row 7: exempt in 2026-2027
    rows.add(row("Lớp Toán 1", "Địa lí", "gv12", "", ""));               // row 8: no such course
    rows.add(row("Lớp Tin", "Tin học", "gv12", "", ""));                 // row 9: not published
    var later = row("Lớp Toán 1", "Toán", "gv13", "", "");
    later.set(4, "8/12/2026");
    rows.add(later);                                                     // row 10: the class starts on the 7th
    rows.add(row("Lớp Văn", "Ngữ văn", "gv11", "chính", ""));            // row 11: gv11 main twice
    rows.add(row("Lớp Văn", "Ngữ văn", "gv14", "hai môn", ""));          // row 12: bad kind
    var badDate = row("Lớp Sử", "Toán", "gv15", "", "");
    badDate.set(4, "31/02/2026");
    rows.add(badDate);                                                   // row 13
    rows.add(row("Lớp Toán 1", "Toán", "gv16", "", "cc.cum1"));          // row 14: cluster 20's core teacher: fine
    rows.add(row("Lớp Toán 1", "Toán", "gv15", "", "cc.cum2"));          // row 15: cluster 10 is led by cc.cum1 (row 2)
    var otherModule = row("Lớp CBQL", "Toán", "gv15", "", "");
    otherModule.set(1, "CBQL-02");
    rows.add(otherModule);                                               // row 16
    var badTemplate = row("Lớp Toán 3", "Toán", "gv15", "", "");
    badTemplate.set(5, "5+3");
    rows.add(badTemplate);                                               // row 17
    rows.add(row("Lớp Toán 1", "Toán", "gv.dang-hoc", "", ""));          // row 18: already in a GV-02 class this year
    var v = validate(rows);
    assertThat(v.ok()).isFalse();
    assertThat(v.cohorts()).isEmpty();
    // The value is always the cell the problem is about, as the file has it; what else the message names is the detail.
    assertThat(v.problems()).extracting(RowProblem::row, RowProblem::column, RowProblem::kind, RowProblem::value,
            RowProblem::otherRow, RowProblem::detail)
        .containsExactlyInAnyOrder(
            tuple(3, RunColumn.LEARNER, RunProblem.DUPLICATE_LEARNER, "gv11", 2, null),
            tuple(4, RunColumn.LEARNER, RunProblem.UNKNOWN_PERSON, "khong.co", null, "khong.co"),
            tuple(5, RunColumn.LEARNER, RunProblem.NOT_A_LEARNER, "bcv.toan", null, "bcv.toan"),
            tuple(6, RunColumn.LEARNER, RunProblem.PREREQUISITE_MISSING, "gv.moi", null, "GV-01"),
            tuple(7, RunColumn.LEARNER, RunProblem.EXEMPT, "gv.nghi-huu", null, null),
            tuple(8, RunColumn.SUBJECT, RunProblem.UNKNOWN_COURSE, "Địa lí", null, "GV-02 · THCS · Địa lí"),
            tuple(9, RunColumn.SUBJECT, RunProblem.COURSE_NOT_PUBLISHED, "Tin học", null, null),
            tuple(10, RunColumn.COHORT, RunProblem.CLASS_DIFFERS, "Lớp Toán 1", 2, null),
            tuple(11, RunColumn.KIND, RunProblem.TWO_MAIN, "chính", 2, "gv11"),
            tuple(12, RunColumn.KIND, RunProblem.BAD_KIND, "hai môn", null, null),
            tuple(13, RunColumn.START, RunProblem.BAD_DATE, "31/02/2026", null, null),
            tuple(15, RunColumn.CORE_TEACHER, RunProblem.CORE_TEACHER_DIFFERS, "cc.cum2", 2, null),
            tuple(16, RunColumn.MODULE, RunProblem.OTHER_MODULE, "CBQL-02", 2, null),
            tuple(16, RunColumn.SUBJECT, RunProblem.UNKNOWN_COURSE, "Toán", null, "CBQL-02 · THCS · Toán"),
            tuple(17, RunColumn.TEMPLATE, RunProblem.BAD_TEMPLATE, "5+3", null, null),
            tuple(18, RunColumn.LEARNER, RunProblem.ALREADY_ENROLLED, "gv.dang-hoc", null, "Lớp cũ"));
    // Each names its column as the file does: here the header row is the sample's.
    assertThat(v.problems()).filteredOn(p -> p.row() == 6).extracting(RowProblem::at)
        .containsExactly(new Headers.Named("I", "hoc_vien"));
  }

  @Test
  void aProblemFoundWithAnEmailInAFileWithVietnameseHeadersShowsThatEmailAndNamesTheFilesColumn() {
    var header = List.of("Lớp", "Mô đun", "Cấp học", "Môn", "Ngày bắt đầu", "Báo cáo viên", "Học viên", "Cốt cán");
    var province = new Province();
    province.people.put("hai.vm@demo.edu.vn", new RunImport.Person(40, "hai.vm", Set.of(Role.LEARNER), 10L, Set.of(),
        Set.of(), List.of()));
    var v = RunImport.validate(header, List.<List<String>>of(List.of("Lớp 5 - Đông", "GV-02", "THCS", "Toán",
        "07/12/2026", "bcv.toan", "hai.vm@demo.edu.vn", "cc.cum1")).iterator(), province, TODAY, 10);
    assertThat(v.problems()).extracting(RowProblem::at, RowProblem::kind, RowProblem::value, RowProblem::detail)
        .containsExactly(tuple(new Headers.Named("G", "Học viên"), RunProblem.PREREQUISITE_MISSING,
            "hai.vm@demo.edu.vn", "GV-01"));
  }

  @Test
  void aFileWithoutTheNeededColumnsSaysWhichAreMissing() {
    var v = RunImport.validate(List.of("Lớp", "Học viên"), List.<List<String>>of().iterator(), new Province(), TODAY, 10);
    assertThat(v.problems()).extracting(RowProblem::column).containsExactlyInAnyOrder(
        RunColumn.MODULE, RunColumn.LEVEL, RunColumn.SUBJECT, RunColumn.START, RunColumn.LECTURER);
    assertThat(RunImport.validate(HEADER, List.<List<String>>of().iterator(), new Province(), TODAY, 10).problems())
        .extracting(RowProblem::kind).containsExactly(RunProblem.EMPTY_FILE);
  }

  @Test
  void aModuleCompletedBeforeBdtxIsVouchedForInItsColumnAndRecorded() {
    var header = new ArrayList<>(HEADER);
    header.add("da_hoan_thanh");
    var vouched = new ArrayList<>(row("Lớp Toán 1", "Toán", "gv.moi", "", ""));
    vouched.add("GV-01");
    var typo = new ArrayList<>(row("Lớp Toán 1", "Toán", "gv11", "", ""));
    typo.add("module 1");
    var v = RunImport.validate(header, List.<List<String>>of(vouched, typo).iterator(), new Province(), TODAY, 10);
    assertThat(v.problems()).extracting(RowProblem::row, RowProblem::column, RowProblem::kind)
        .containsExactly(tuple(3, RunColumn.COMPLETED, RunProblem.BAD_MODULE_CODE));
    var ok = RunImport.validate(header, List.<List<String>>of(vouched).iterator(), new Province(), TODAY, 10);
    assertThat(ok.problems()).isEmpty();
    assertThat(ok.priorCompletions()).containsExactly(new RunImport.PriorCompletion(2, 30, "GV-01"));
  }

  @Test
  void aClassNameOverTwoHundredCharactersIsReportedAsTooLongWithItsBeginningNotAsAnEmptyCell() {
    String longName = "Lớp bồi dưỡng " + "Toán ".repeat(40);
    var v = validate(List.of(row(longName, "Toán", "gv11", "", "")));
    assertThat(v.cohorts()).isEmpty();
    assertThat(v.problems()).extracting(RowProblem::row, RowProblem::column, RowProblem::kind, RowProblem::value)
        .containsExactly(tuple(2, RunColumn.COHORT, RunProblem.TOO_LONG, longName.substring(0, 40) + "…"));
  }

  @Test
  void aStartDateMoreThanAYearAwayIsRefused() {
    var far = row("Lớp Toán 1", "Toán", "gv11", "", "");
    far.set(4, "7/12/2028");
    assertThat(validate(List.of(far)).problems()).extracting(RowProblem::kind).containsExactly(RunProblem.BAD_DATE);
  }
}
