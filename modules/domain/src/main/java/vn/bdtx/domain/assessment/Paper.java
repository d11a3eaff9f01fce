package vn.bdtx.domain.assessment;

import vn.bdtx.domain.catalog.QuizSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionKind;

/**
 * The questions one attempt shows, in its order, each with its choices' order
 * (indexes into the question's own choices, so answers are stored against the
 * bank and survive any shuffle). Drawn once when the attempt starts, from a seed,
 * and stored with the attempt: a reload shows the same paper.
 */
public record Paper(List<Item> items) {

  /**
   * One question of the paper: its id, the order its choices are shown in, and
   * whether more than one choice may be ticked (only a multiple-answer question).
   */
  public record Item(String questionId, List<Integer> choiceOrder, boolean multiple) {
    public Item {
      choiceOrder = List.copyOf(choiceOrder);
    }

    public Item(String questionId, List<Integer> choiceOrder) {
      this(questionId, choiceOrder, false);
    }

    /**
     * Whether {@code chosen} can be an answer to this question: every index one
     * of its choices, and at most one of them unless it is a multiple-answer
     * question. No choice at all (a cleared answer) is always possible.
     */
    public boolean accepts(java.util.Set<Integer> chosen) {
      if (chosen.size() > 1 && !multiple) {
        return false;
      }
      return chosen.stream().allMatch(i -> i != null && i >= 0 && i < choiceOrder.size());
    }
  }

  /** The paper's item for a question, if the question is on it. */
  public java.util.Optional<Item> item(String questionId) {
    return items.stream().filter(i -> i.questionId().equals(questionId)).findFirst();
  }

  public Paper {
    items = List.copyOf(items);
  }

  /**
   * Draws a paper from a bank category: {@code settings.questions()} questions
   * chosen at random (all when 0 or more than the bank holds), shuffled with
   * their choices when the quiz says so. True/false keeps Đúng before Sai.
   */
  public static Paper draw(List<Question> bank, QuizSettings settings, long seed) {
    var random = new Random(seed);
    // Descriptions are read, not drawn (as in Moodle): they lead the paper, and only questions are drawn and shuffled.
    var descriptions = bank.stream().filter(q -> !q.kind().graded()).toList();
    if (!descriptions.isEmpty()) {
      bank = bank.stream().filter(q -> q.kind().graded()).toList();
    }
    var chosen = new ArrayList<>(bank);
    int n = settings.questions() == 0 ? chosen.size() : Math.min(settings.questions(), chosen.size());
    if (n < chosen.size()) {
      Collections.shuffle(chosen, random);
      var kept = new java.util.HashSet<>(chosen.subList(0, n));
      // Without shuffling the paper keeps the bank's order among the questions drawn.
      chosen = new ArrayList<>(settings.shuffle() ? chosen.subList(0, n) : bank.stream().filter(kept::contains).toList());
    } else if (settings.shuffle()) {
      Collections.shuffle(chosen, random);
    }
    chosen.addAll(0, descriptions);
    var items = new ArrayList<Item>();
    for (Question q : chosen) {
      var order = new ArrayList<>(IntStream.range(0, q.choices().size()).boxed().toList());
      if (settings.shuffle() && q.kind() != QuestionKind.TRUE_FALSE) {
        Collections.shuffle(order, random);
      }
      items.add(new Item(q.id(), order, q.kind() == QuestionKind.MULTIPLE));
    }
    return new Paper(items);
  }

  public int size() {
    return items.size();
  }

  public boolean has(String questionId) {
    return items.stream().anyMatch(i -> i.questionId().equals(questionId));
  }
}
