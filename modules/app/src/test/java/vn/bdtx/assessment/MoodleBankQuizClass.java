package vn.bdtx.assessment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.catalog.Lecture;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionFile;
import vn.bdtx.domain.catalog.QuestionKind;
import vn.bdtx.domain.catalog.QuizSettings;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.support.TestAccounts;

/**
 * A class whose second lecture of GV-02 has a quiz of the Moodle bank's category {@value #CATEGORY} in order
 * (six questions, three attempts, no time limit), with one learner enrolled: what the quiz browser tests start from.
 */
final class MoodleBankQuizClass {

  static final String CATEGORY = "Bài 2 - Đổi mới kiểm tra";

  final long cohort;
  final long learner;
  final String lecture;
  private final List<Question> bank;
  private final DatabaseClient db;

  private MoodleBankQuizClass(long cohort, long learner, String lecture, List<Question> bank, DatabaseClient db) {
    this.cohort = cohort;
    this.learner = learner;
    this.lecture = lecture;
    this.bank = bank;
    this.db = db;
  }

  /** Creates the lecturer and the learner (both with {@code password}), publishes the quiz and opens the class. */
  static MoodleBankQuizClass open(DatabaseClient db, PasswordEncoder encoder, Courses courses, Cohorts cohorts,
                                  String lecturerName, String learnerName, String password, String className)
      throws IOException {
    var accounts = new TestAccounts(db, encoder);
    long lecturer = accounts.create(lecturerName, password, Role.LECTURER);
    long learner = accounts.create(learnerName, password, Role.LEARNER);
    var by = new Caller(lecturer, lecturerName, "BCV", false, java.util.Set.of(new Caller.Grant(Role.LECTURER, ScopeType.PROVINCE, null)));
    long course = db.sql("SELECT id FROM course WHERE source_dir = 'gv-02-thcs'").map((r, m) -> r.get("id", Long.class)).one()
        .block(Duration.ofSeconds(5));
    var draft = courses.find(course).block(Duration.ofSeconds(5));
    Lecture second = draft.draft().lectures().get(1);
    String lecture = second.id();
    var inOrder = new QuizSettings(0, 3, 0, false, QuizSettings.Policy.BEST, QuizSettings.Review.FULL);
    // The test classes that use this share one application (SharedClockContext): the bank is imported and the
    // quiz set once per database, and a class that finds them published uses them as they are.
    boolean imported = !draft.draft().inCategory(CATEGORY).isEmpty();
    boolean set = CATEGORY.equals(second.quizCategory()) && inOrder.equals(second.quiz());
    if (!imported || !set) {
      List<Question> questions = imported ? List.of() : QuestionFile.parse(
          Files.readString(Path.of("src/test/resources/moodle/ngan-hang-moodle.xml")), "M", Question.Use.QUIZ).questions();
      courses.saveDraft(draft, draft.revision(), c -> c.addQuestions(questions)
              .updateLecture(lecture, l -> new Lecture(l.id(), l.title(), l.body(), l.media(), CATEGORY, inOrder)))
          .block(Duration.ofSeconds(5));
      courses.publish(courses.find(course).block(Duration.ofSeconds(5)), by).block(Duration.ofSeconds(5));
    }
    long cohort = ((Cohorts.Opened.Ok) cohorts.open(by, course, className, LocalDate.of(2026, 12, 7))
        .block(Duration.ofSeconds(5))).cohortId();
    cohorts.enroll(cohort, learner, "MAIN").block(Duration.ofSeconds(5));
    var bank = courses.latestVersion(course).block(Duration.ofSeconds(5)).content().inCategory(CATEGORY);
    return new MoodleBankQuizClass(cohort, learner, lecture, bank, db);
  }

  /** The questions of the category, as published. */
  List<Question> bank() {
    return bank;
  }

  /** The id of the bank's first question of this kind. */
  String question(QuestionKind kind) {
    return bank.stream().filter(q -> q.kind() == kind).findFirst().orElseThrow().id();
  }

  /** The choices stored for a question of an attempt, or null when none is stored. */
  List<Integer> chosen(long attempt, String question) {
    return db.sql("SELECT chosen FROM attempt_answer WHERE attempt_id = :a AND question_id = :q").bind("a", attempt)
        .bind("q", question)
        .map((r, m) -> java.util.Arrays.stream(r.get(0, Short[].class)).map(Short::intValue).toList()).one()
        .block(Duration.ofSeconds(5));
  }
}
