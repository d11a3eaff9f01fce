package vn.bdtx.domain.assessment;

import vn.bdtx.domain.catalog.QuizSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.catalog.Choice;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionKind;

class GradingTest {

  static Question single(String id) {
    return new Question(id, "B1", id, "Câu " + id, QuestionKind.SINGLE,
        List.of(new Choice("đúng", 100, ""), new Choice("sai 1", 0, ""), new Choice("sai 2", 0, ""), new Choice("sai 3", 0, "")), "");
  }

  static Question trueFalse(String id) {
    return new Question(id, "B1", id, "Câu " + id, QuestionKind.TRUE_FALSE,
        List.of(new Choice("Đúng", 100, ""), new Choice("Sai", 0, "")), "");
  }

  /** Two right choices at 50% each, two wrong at -50% each. */
  static Question multiple(String id) {
    return new Question(id, "B1", id, "Câu " + id, QuestionKind.MULTIPLE,
        List.of(new Choice("a", 50, ""), new Choice("b", 50, ""), new Choice("c", -50, ""), new Choice("d", -50, "")), "");
  }

  @Test
  void singleAnswerIsAllOrNothing() {
    var q = single("Q1");
    assertThat(Grading.fraction(q, Set.of(0))).isEqualByComparingTo("1.0");
    assertThat(Grading.fraction(q, Set.of(2))).isEqualByComparingTo("0.0");
    assertThat(Grading.fraction(q, Set.of())).isEqualByComparingTo("0.0");
    assertThat(Grading.fraction(q, null)).isEqualByComparingTo("0.0");
    // Ticking two choices of a single-answer question earns nothing, even when one is right.
    assertThat(Grading.fraction(q, Set.of(0, 1))).isEqualByComparingTo("0.0");
    // An index the question does not have (a forged request) earns nothing.
    assertThat(Grading.fraction(q, Set.of(7))).isEqualByComparingTo("0.0");
  }

  @Test
  void multipleAnswerGivesPartialCreditAndPenalties() {
    var q = multiple("Q2");
    assertThat(Grading.fraction(q, Set.of(0, 1))).isEqualByComparingTo("1.0");
    assertThat(Grading.fraction(q, Set.of(0))).isEqualByComparingTo("0.5");
    assertThat(Grading.fraction(q, Set.of(0, 2))).isEqualByComparingTo("0.0");
    // Everything ticked: 50 + 50 - 50 - 50 = 0, so guessing all earns nothing.
    assertThat(Grading.fraction(q, Set.of(0, 1, 2, 3))).isEqualByComparingTo("0.0");
    // Only wrong choices: held at 0, never below.
    assertThat(Grading.fraction(q, Set.of(2, 3))).isEqualByComparingTo("0.0");
  }

  @Test
  void scoresOnTheTenPointScaleRoundedToOneDecimal() {
    var questions = List.of(single("Q1"), single("Q2"), single("Q3"));
    assertThat(Grading.score(questions, Map.of("Q1", Set.of(0), "Q2", Set.of(0), "Q3", Set.of(0)))).isEqualByComparingTo("10.0");
    // 2 of 3: 6.666… → 6.7
    assertThat(Grading.score(questions, Map.of("Q1", Set.of(0), "Q2", Set.of(0)))).isEqualByComparingTo("6.7");
    // 1 of 3: 3.333… → 3.3
    assertThat(Grading.score(questions, Map.of("Q1", Set.of(0)))).isEqualByComparingTo("3.3");
    assertThat(Grading.score(questions, Map.of())).isEqualByComparingTo("0.0");
  }

  @Test
  void fiveIsAPass() {
    var questions = List.of(single("Q1"), single("Q2"), multiple("Q3"), trueFalse("Q4"));
    // Q1 right, Q2 unanswered, half of Q3, Q4 wrong: 1.5 of 4 → 3.75 → 3.8
    assertThat(Grading.score(questions, Map.of("Q1", Set.of(0), "Q3", Set.of(0), "Q4", Set.of(1)))).isEqualByComparingTo("3.8");
    // 1 + 1 + 0 + 0 = 2 of 4 → 5.0, a pass
    var half = Grading.score(questions, Map.of("Q1", Set.of(0), "Q2", Set.of(0)));
    assertThat(half).isEqualByComparingTo("5.0");
    var rules = vn.bdtx.domain.completion.Regulation.DEFAULT;
    assertThat(rules.quizPasses(half)).isTrue();
    assertThat(rules.quizPasses(new BigDecimal("4.9"))).isFalse();
    assertThat(rules.quizPasses(null)).isFalse();
  }

  @Property
  void aScoreIsAlwaysBetweenZeroAndTen(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed) {
    var random = new java.util.Random(seed);
    var questions = new java.util.ArrayList<Question>();
    var answers = new java.util.HashMap<String, Set<Integer>>();
    for (int i = 0; i < n; i++) {
      Question q = switch (random.nextInt(3)) {
        case 0 -> single("Q" + i);
        case 1 -> multiple("Q" + i);
        default -> trueFalse("Q" + i);
      };
      questions.add(q);
      var ticked = new HashSet<Integer>();
      for (int c = 0; c < q.choices().size() + 1; c++) {
        if (random.nextBoolean()) {
          ticked.add(c);
        }
      }
      answers.put(q.id(), ticked);
    }
    BigDecimal score = Grading.score(questions, answers);
    assertThat(score).isBetween(BigDecimal.ZERO, BigDecimal.TEN);
    assertThat(score.scale()).isEqualTo(1);
    // Answering every question right always gives 10.
    var right = new java.util.HashMap<String, Set<Integer>>();
    questions.forEach(q -> right.put(q.id(), q.kind() == QuestionKind.MULTIPLE ? Set.of(0, 1) : Set.of(0)));
    assertThat(Grading.score(questions, right)).isEqualByComparingTo("10.0");
  }

  @Test
  void theBestOrTheLastAttemptCounts() {
    var t = Instant.parse("2026-12-01T01:00:00Z");
    var attempts = List.of(new AttemptResult(1, new BigDecimal("8.0"), t), new AttemptResult(2, new BigDecimal("4.0"), t.plusSeconds(60)));
    assertThat(AttemptResult.kept(attempts, QuizSettings.Policy.BEST)).contains(new BigDecimal("8.0"));
    assertThat(AttemptResult.kept(attempts, QuizSettings.Policy.LAST)).contains(new BigDecimal("4.0"));
    assertThat(AttemptResult.kept(List.of(), QuizSettings.Policy.BEST)).isEmpty();
  }

  @Test
  void anAttemptClosesAtItsTimeLimitOrTheStudyDeadlineWhicheverIsFirst() {
    var start = Instant.parse("2026-12-01T01:00:00Z");
    var deadline = Optional.of(Instant.parse("2026-12-01T01:10:00Z"));
    assertThat(AttemptClock.closesAt(start, Optional.of(Duration.ofMinutes(15)), deadline)).isEqualTo(deadline);
    assertThat(AttemptClock.closesAt(start, Optional.of(Duration.ofMinutes(5)), deadline)).contains(start.plusSeconds(300));
    assertThat(AttemptClock.closesAt(start, Optional.empty(), deadline)).isEqualTo(deadline);
    assertThat(AttemptClock.closesAt(start, Optional.empty(), Optional.empty())).isEmpty();
    var closes = AttemptClock.closesAt(start, Optional.of(Duration.ofMinutes(5)), Optional.empty());
    assertThat(AttemptClock.open(closes, start.plusSeconds(299))).isTrue();
    assertThat(AttemptClock.open(closes, start.plusSeconds(300))).isFalse();
    assertThat(AttemptClock.open(Optional.empty(), start.plusSeconds(1_000_000))).isTrue();
  }

  @Test
  void onlyATimedQuizCountsDownAnUntimedOneClosingAtTheStudyDeadlineDoesNot() {
    var start = Instant.parse("2026-12-08T02:00:00Z");
    var studyDeadline = Optional.of(Instant.parse("2027-01-20T17:00:00Z"));
    // Untimed: it closes at the study deadline, weeks away; no "Còn lại 18562:27".
    var untimed = AttemptClock.closesAt(start, Optional.empty(), studyDeadline);
    assertThat(AttemptClock.countdown(Optional.empty(), untimed, start)).isEmpty();
    // Timed: ten minutes, counted from the server's closing time, never below zero.
    var timed = AttemptClock.closesAt(start, Optional.of(Duration.ofMinutes(10)), studyDeadline);
    assertThat(AttemptClock.countdown(Optional.of(Duration.ofMinutes(10)), timed, start.plusSeconds(30))).hasValue(570);
    assertThat(AttemptClock.countdown(Optional.of(Duration.ofMinutes(10)), timed, start.plusSeconds(900))).hasValue(0);
  }

  @Test
  void settingsOutOfRangeAreNamed() {
    assertThat(QuizSettings.DEFAULT.problems()).isEmpty();
    assertThat(new QuizSettings(-1, 21, 301, true, null, null).problems()).containsExactly(
        QuizSettings.Problem.QUESTIONS_OUT_OF_RANGE, QuizSettings.Problem.ATTEMPTS_OUT_OF_RANGE, QuizSettings.Problem.TIME_LIMIT_OUT_OF_RANGE);
    assertThat(new QuizSettings(0, 2, 0, true, null, null).mayStart(1)).isTrue();
    assertThat(new QuizSettings(0, 2, 0, true, null, null).mayStart(2)).isFalse();
    assertThat(new QuizSettings(0, 0, 0, true, null, null).mayStart(100)).isTrue();
  }
}
