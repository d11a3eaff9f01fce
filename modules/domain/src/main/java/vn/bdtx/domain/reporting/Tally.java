package vn.bdtx.domain.reporting;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a unit's (or a class's, or a run's) enrollments stand. {@code counted}
 * is the completion rate's whole: MAIN enrollments that are not EXEMPT (retiring
 * teachers owe no module, seed 000); the stages after it (started, criterion (i),
 * submitted, graded, completed) count among those. REFERENCE enrollments record
 * study only (DESIGN §4) and are shown apart. Survey positivity counts answers
 * (positive ones among those on a rating scale) of every enrollment.
 */
public record Tally(long enrolledMain, long enrolledReference, long counted, long started, long selfStudyDone,
                    long submitted, long graded, long completed, long exempt, long reduced,
                    long surveyPositive, long surveyRated, long behindToday) {

  public static final Tally EMPTY = new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public Tally {
    if (started > counted || selfStudyDone > counted || submitted > counted || graded > counted
        || completed > counted || surveyPositive > surveyRated) {
      throw new IllegalArgumentException("inconsistent tally " + counted + " " + started + " " + completed);
    }
  }

  /** One enrollment as the tally counts it. */
  public record Standing(boolean main, boolean exempt, boolean reduced, boolean started, boolean selfStudyDone,
                         boolean submitted, boolean graded, boolean completed, int surveyPositive, int surveyRated,
                         boolean behindToday) {
  }

  /** The tally of these enrollments (what the reports' SQL aggregates compute, row by row). */
  public static Tally of(Iterable<Standing> standings) {
    long main = 0, reference = 0, counted = 0, started = 0, selfStudy = 0, submitted = 0, graded = 0, completed = 0;
    long exempt = 0, reduced = 0, positive = 0, rated = 0, behind = 0;
    for (Standing s : standings) {
      if (s.main()) {
        main++;
      } else {
        reference++;
      }
      if (s.main() && !s.exempt()) {
        counted++;
        started += s.started() ? 1 : 0;
        selfStudy += s.selfStudyDone() ? 1 : 0;
        submitted += s.submitted() ? 1 : 0;
        graded += s.graded() ? 1 : 0;
        completed += s.completed() ? 1 : 0;
      }
      exempt += s.exempt() ? 1 : 0;
      reduced += s.reduced() ? 1 : 0;
      positive += s.surveyPositive();
      rated += s.surveyRated();
      behind += s.behindToday() ? 1 : 0;
    }
    return new Tally(main, reference, counted, started, selfStudy, submitted, graded, completed, exempt, reduced,
        positive, rated, behind);
  }

  /** Completed among counted MAIN enrollments. */
  public Rate completion() {
    return new Rate(completed, counted);
  }

  /** Positive survey answers among rated ones. */
  public Rate positivity() {
    return new Rate(surveyPositive, surveyRated);
  }

  public long enrolled() {
    return enrolledMain + enrolledReference;
  }

  /** The sum of two tallies (a district of its schools). */
  public Tally plus(Tally o) {
    return new Tally(enrolledMain + o.enrolledMain, enrolledReference + o.enrolledReference, counted + o.counted,
        started + o.started, selfStudyDone + o.selfStudyDone, submitted + o.submitted, graded + o.graded,
        completed + o.completed, exempt + o.exempt, reduced + o.reduced, surveyPositive + o.surveyPositive,
        surveyRated + o.surveyRated, behindToday + o.behindToday);
  }

  public static Tally sum(List<Tally> tallies) {
    return tallies.stream().reduce(EMPTY, Tally::plus);
  }

  /** The 15 days as stages, each a count among {@code counted}: enrolled → started → (i) → submitted → graded → completed. */
  public List<Stage> funnel() {
    return List.of(new Stage(Step.ENROLLED, counted), new Stage(Step.STARTED, started),
        new Stage(Step.SELF_STUDY, selfStudyDone), new Stage(Step.SUBMITTED, submitted),
        new Stage(Step.GRADED, graded), new Stage(Step.COMPLETED, completed));
  }

  /** The funnel's steps, in the order of the 15 days. */
  public enum Step { ENROLLED, STARTED, SELF_STUDY, SUBMITTED, GRADED, COMPLETED }

  /** One step of the funnel and how many reached it. */
  public record Stage(Step step, long count) {
  }

  /** The completion gap to the target in percentage points (positive: behind); empty when no one is counted. */
  public Optional<BigDecimal> completionGap(Targets targets) {
    return completion().gapTo(targets.completion());
  }

  /**
   * Worst first: the largest completion gap, then the largest positivity gap,
   * then the most people short of the target; units with no one counted last.
   */
  public static <T> Comparator<T> worstFirst(java.util.function.Function<T, Tally> tally, Targets targets) {
    Comparator<Optional<BigDecimal>> gaps = Comparator.comparing(
        (Optional<BigDecimal> g) -> g.orElse(null), Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()));
    return Comparator.comparing((T t) -> tally.apply(t).completionGap(targets), gaps)
        .thenComparing(t -> tally.apply(t).positivity().gapTo(targets.positivity()), gaps)
        .thenComparing(t -> -tally.apply(t).completion().shortOf(targets.completion()));
  }
}
