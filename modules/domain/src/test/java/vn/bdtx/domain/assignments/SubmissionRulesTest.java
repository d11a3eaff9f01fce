package vn.bdtx.domain.assignments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.assignments.SubmissionRules.FileProblem;
import vn.bdtx.domain.assignments.SubmissionRules.Incoming;
import vn.bdtx.domain.assignments.SubmissionRules.Refusal;
import vn.bdtx.domain.cohorts.Window;

class SubmissionRulesTest {

  static final long MB = 1024 * 1024;
  static final SubmissionRules RULES = new SubmissionRules(5, 20 * MB, 5 * MB, 100 * MB, 200 * MB);
  /** Days 9 to 15 of a cohort starting 2026-03-02, Vietnam time: opens 2026-03-10 00:00 +07, closes 2026-03-17 00:00 +07. */
  static final Window FINISHING = new Window(Instant.parse("2026-03-09T17:00:00Z"), Instant.parse("2026-03-16T17:00:00Z"),
      LocalDate.of(2026, 3, 16));
  static final Incoming PDF = new Incoming("ke-hoach.pdf", "application/pdf", 300_000);

  @Test
  void aPdfInTheLastSecondOfDayFifteenIsAccepted() {
    var d = RULES.decide(Optional.of(FINISHING), false, List.of(PDF), Instant.parse("2026-03-16T16:59:59Z"));
    assertThat(d.accepted()).isTrue();
  }

  @Test
  void nothingIsAcceptedAtMidnightAfterTheLastDay() {
    var d = RULES.decide(Optional.of(FINISHING), false, List.of(PDF), Instant.parse("2026-03-16T17:00:00Z"));
    assertThat(d.refusals()).containsExactly(Refusal.AFTER_DEADLINE);
  }

  @Test
  void beforeTheFinishingPhaseNothingIsAccepted() {
    var d = RULES.decide(Optional.of(FINISHING), false, List.of(PDF), Instant.parse("2026-03-09T16:59:59Z"));
    assertThat(d.refusals()).containsExactly(Refusal.NOT_YET_OPEN);
  }

  @Test
  void aReferenceSubjectSubmitsNothing() {
    var d = RULES.decide(Optional.empty(), false, List.of(PDF), Instant.parse("2026-03-12T03:00:00Z"));
    assertThat(d.refusals()).containsExactly(Refusal.NOT_SUBMITTED_IN_THIS_SUBJECT);
  }

  @Test
  void aGradedSubmissionIsNotReplacedUnlessReturned() {
    var d = RULES.decide(Optional.of(FINISHING), true, List.of(PDF), Instant.parse("2026-03-12T03:00:00Z"));
    assertThat(d.refusals()).containsExactly(Refusal.GRADED);
  }

  @Test
  void eachBadFileIsNamedWithItsPositionAndWhy() {
    var files = List.of(PDF,
        new Incoming("virus.docx", "application/x-msdownload", 1000),
        new Incoming("anh.png", "image/png", 6 * MB),
        new Incoming("trong.pdf", "application/pdf", 0),
        new Incoming("slide.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", 2 * MB));
    var d = RULES.decide(Optional.of(FINISHING), false, files, Instant.parse("2026-03-12T03:00:00Z"));
    assertThat(d.accepted()).isFalse();
    assertThat(d.files()).extracting(SubmissionRules.FileRefusal::position, SubmissionRules.FileRefusal::problem)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2, FileProblem.TYPE_NOT_ACCEPTED),
            org.assertj.core.groups.Tuple.tuple(3, FileProblem.TOO_LARGE),
            org.assertj.core.groups.Tuple.tuple(4, FileProblem.EMPTY));
    assertThat(d.files().get(1).limit()).isEqualTo(5 * MB);
  }

  @Test
  void oldOfficeFilesAreRefusedAsOldFormatsWithTheProgramToSaveThemAgainIn() {
    var files = List.of(
        new Incoming("Giao an.doc", "application/x-tika-msoffice", 40_000),
        new Incoming("diem.XLS", "application/x-tika-msoffice", 20_000),
        new Incoming("bai giang.ppt", "application/vnd.ms-powerpoint", 90_000),
        new Incoming("khong-duoi", "application/x-tika-msoffice", 10_000),
        new Incoming("virus.exe", "application/x-msdownload", 1000));
    var d = RULES.decide(Optional.of(FINISHING), false, files, Instant.parse("2026-03-12T03:00:00Z"));
    assertThat(d.files()).extracting(SubmissionRules.FileRefusal::position, SubmissionRules.FileRefusal::problem)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, FileProblem.OLD_WORD),
            org.assertj.core.groups.Tuple.tuple(2, FileProblem.OLD_EXCEL),
            org.assertj.core.groups.Tuple.tuple(3, FileProblem.OLD_POWERPOINT),
            org.assertj.core.groups.Tuple.tuple(4, FileProblem.OLD_OFFICE),
            org.assertj.core.groups.Tuple.tuple(5, FileProblem.TYPE_NOT_ACCEPTED));
  }

  @Test
  void tooManyFilesOrTooMuchTogetherIsRefused() {
    var six = java.util.Collections.nCopies(6, PDF);
    assertThat(RULES.decide(Optional.of(FINISHING), false, six, Instant.parse("2026-03-12T03:00:00Z")).refusals())
        .containsExactly(Refusal.TOO_MANY_FILES);
    var big = java.util.Collections.nCopies(3, new Incoming("video.mp4", "video/mp4", 90 * MB));
    assertThat(RULES.decide(Optional.of(FINISHING), false, big, Instant.parse("2026-03-12T03:00:00Z")).refusals())
        .containsExactly(Refusal.TOO_LARGE_TOGETHER);
    assertThat(RULES.decide(Optional.of(FINISHING), false, List.of(), Instant.parse("2026-03-12T03:00:00Z")).refusals())
        .containsExactly(Refusal.NO_FILES);
  }

  @Test
  void aFileKeepsOnlyTheLastSegmentOfItsNameWithoutControlCharacters() {
    assertThat(SubmissionRules.safeName("C:\\Users\\Lan\\Bài thu hoạch.docx")).isEqualTo("Bài thu hoạch.docx");
    assertThat(SubmissionRules.safeName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(SubmissionRules.safeName("a\u0000b\n\"c\".pdf")).isEqualTo("abc.pdf");
    assertThat(SubmissionRules.safeName("..")).isEqualTo("tep");
    assertThat(SubmissionRules.safeName("x".repeat(300) + ".pdf")).hasSize(200).endsWith(".pdf");
  }

  @Test
  void onlyPdfsAndImagesAreShownInline() {
    assertThat(SubmissionRules.showsInline("application/pdf")).isTrue();
    assertThat(SubmissionRules.showsInline("image/png")).isTrue();
    assertThat(SubmissionRules.showsInline("video/mp4")).isFalse();
    assertThat(SubmissionRules.showsInline("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).isFalse();
  }
}
