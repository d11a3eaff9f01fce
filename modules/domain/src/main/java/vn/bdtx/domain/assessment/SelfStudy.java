package vn.bdtx.domain.assessment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.bdtx.domain.completion.Regulation;
import vn.bdtx.domain.catalog.Lecture;

/**
 * Criterion (i) of completion (seed 001 §5 step 4): online self-study, judged by
 * the system alone — every lecture studied, every lesson quiz passed (the score
 * that counts reaches the cohort's regulation's quiz pass mark, 5.0 by default),
 * the final survey answered. As a checklist, so the learner
 * sees what is done and what is missing.
 */
public record SelfStudy(List<Item> items) {

  public enum Kind { LECTURE, QUIZ, SURVEY }

  /**
   * One line: a lecture to study, a quiz to pass (with its score, if any) or the
   * survey. {@code ref} is the lecture id (empty for the survey).
   */
  public record Item(Kind kind, String ref, String title, boolean done, BigDecimal score) {
  }

  public SelfStudy {
    items = List.copyOf(items);
  }

  /**
   * @param lectures the pinned version's lectures, in order
   * @param studied  ids of the lectures the learner has finished
   * @param kept     lecture id → the score that counts for its quiz, for quizzes attempted
   * @param hasQuiz  ids of the lectures whose quiz has questions
   * @param surveyed whether the final survey was submitted
   * @param rules    the cohort's regulation (its quiz pass mark)
   */
  public static SelfStudy of(List<Lecture> lectures, Set<String> studied, Map<String, BigDecimal> kept,
                             Set<String> hasQuiz, boolean hasSurvey, boolean surveyed, Regulation rules) {
    var items = new ArrayList<Item>();
    for (Lecture l : lectures) {
      items.add(new Item(Kind.LECTURE, l.id(), l.title(), studied.contains(l.id()), null));
      if (hasQuiz.contains(l.id())) {
        BigDecimal score = kept.get(l.id());
        items.add(new Item(Kind.QUIZ, l.id(), l.title(), rules.quizPasses(score), score));
      }
    }
    if (hasSurvey) {
      items.add(new Item(Kind.SURVEY, "", "", surveyed, null));
    }
    return new SelfStudy(items);
  }

  public boolean passed() {
    return !items.isEmpty() && items.stream().allMatch(Item::done);
  }

  public long done() {
    return items.stream().filter(Item::done).count();
  }

  public List<Item> missing() {
    return items.stream().filter(i -> !i.done()).toList();
  }
}
