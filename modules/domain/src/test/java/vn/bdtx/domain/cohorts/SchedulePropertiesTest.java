package vn.bdtx.domain.cohorts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The schedule's rules over many start dates, templates, enrollments and
 * instants, with the instants bunched around midnights and deadlines where
 * off-by-one mistakes live.
 */
class SchedulePropertiesTest {

  @Provide
  Arbitrary<EnrollmentSchedule> enrollments() {
    Arbitrary<LocalDate> starts = Arbitraries.integers().between(0, 365 * 15)
        .map(d -> LocalDate.of(2020, 1, 1).plusDays(d));
    Arbitrary<ScheduleTemplate> templates = Combinators.combine(
            Arbitraries.integers().between(1, 10), Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(1, 10), Arbitraries.integers().between(1, 10),
            Arbitraries.integers().between(0, 20))
        .as((a, b, c, r, ref) -> new ScheduleTemplate(a, b, c, Math.min(r, a), ref));
    Arbitrary<List<Integer>> extensionDays = Arbitraries.integers().between(-5, 60).list().ofMaxSize(3);
    return Combinators.combine(starts, templates, Arbitraries.of(EnrollmentKind.class), extensionDays)
        .as((start, template, kind, days) -> {
          var cohort = new CohortSchedule(start, template);
          var extensions = days.stream().map(d -> new Extension(cohort.lastDay().plusDays(d), "lí do")).toList();
          return new EnrollmentSchedule(cohort, kind, extensions);
        });
  }

  /** An instant some days from the start of day 1, at any second, or exactly at or just around a midnight. */
  @Provide
  Arbitrary<Long> offsets() {
    long day = Duration.ofDays(1).toSeconds();
    return Arbitraries.oneOf(
        Arbitraries.longs().between(-3 * day, 90 * day),
        Arbitraries.integers().between(-3, 90).flatMap(d -> Arbitraries.of(d * day - 1, d * day, d * day + 1)));
  }

  static Instant at(EnrollmentSchedule e, long offsetSeconds) {
    return e.cohort().startOfDay(1).plusSeconds(offsetSeconds);
  }

  @Property
  void theDayNumberIsTheLocalDateInVietnamCountedFromTheStart(@ForAll("enrollments") EnrollmentSchedule e,
                                                              @ForAll("offsets") long offset) {
    Instant now = at(e, offset);
    LocalDate local = now.atZone(CohortSchedule.ZONE).toLocalDate();
    var s = e.at(now);
    assertThat(e.cohort().dateOfDay(s.day())).isEqualTo(local);
    if (s.day() >= 1 && s.day() <= e.cohort().days() && now.isBefore(e.deadline())) {
      assertThat(s.phase()).isEqualTo(e.cohort().template().phaseOfDay(s.day()));
    }
  }

  @Property
  void studyIsOpenFromTheFirstMidnightUntilJustBeforeTheEffectiveDeadline(@ForAll("enrollments") EnrollmentSchedule e,
                                                                         @ForAll("offsets") long offset) {
    Instant now = at(e, offset);
    boolean expected = !now.isBefore(e.cohort().startOfDay(1)) && now.isBefore(e.deadline());
    assertThat(e.at(now).isOpen(Activity.STUDY)).isEqualTo(expected);
    assertThat(e.at(now).phase() == Phase.ENDED).isEqualTo(!now.isBefore(e.deadline()));
  }

  @Property
  void everyWindowTakesItsLastSecondAndRefusesItsDeadline(@ForAll("enrollments") EnrollmentSchedule e) {
    for (Activity a : Activity.values()) {
      e.window(a).ifPresent(w -> {
        assertThat(e.at(w.closes().minusSeconds(1)).isOpen(a)).as(a + " one second before").isTrue();
        assertThat(e.at(w.closes()).isOpen(a)).as(a + " at its deadline").isFalse();
        assertThat(e.at(w.opens()).isOpen(a)).as(a + " when it opens").isTrue();
        assertThat(e.at(w.opens().minusNanos(1)).isOpen(a)).as(a + " just before it opens").isFalse();
      });
    }
  }

  @Property
  void deadlinesFallAtMidnightInVietnamAfterTheirLastDay(@ForAll("enrollments") EnrollmentSchedule e) {
    for (Activity a : Activity.values()) {
      e.window(a).ifPresent(w -> {
        var closes = w.closes().atZone(CohortSchedule.ZONE);
        assertThat(closes.toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(closes.toLocalDate()).isEqualTo(w.lastDay().plusDays(1));
        assertThat(w.closes()).isAfter(w.opens());
      });
    }
    assertThat(e.deadline().atZone(CohortSchedule.ZONE).toLocalDate()).isEqualTo(e.lastDay().plusDays(1));
  }

  @Property
  void aReferenceEnrollmentEndsExactlyTheTemplatesExtraDaysAfterTheMainOne(@ForAll("enrollments") EnrollmentSchedule e) {
    var main = EnrollmentSchedule.of(e.cohort(), EnrollmentKind.MAIN);
    var reference = EnrollmentSchedule.of(e.cohort(), EnrollmentKind.REFERENCE);
    assertThat(reference.lastDay()).isEqualTo(main.lastDay().plusDays(e.cohort().template().referenceExtraDays()));
    assertThat(main.lastDay()).isEqualTo(e.cohort().lastDay());
    assertThat(reference.window(Activity.SUBMISSION)).isEmpty();
    assertThat(reference.window(Activity.SURVEY)).isEmpty();
  }

  @Property
  void extensionsNeverShortenAnythingAndNeverMoveRegistration(@ForAll("enrollments") EnrollmentSchedule e) {
    var without = EnrollmentSchedule.of(e.cohort(), e.kind());
    assertThat(e.deadline()).isAfterOrEqualTo(without.deadline());
    var latest = e.extensions().stream().map(Extension::lastDay).max(LocalDate::compareTo);
    latest.ifPresent(l -> assertThat(e.lastDay()).isAfterOrEqualTo(l));
    assertThat(e.window(Activity.REGISTRATION)).isEqualTo(without.window(Activity.REGISTRATION));
    assertThat(e.window(Activity.MEETINGS)).isEqualTo(without.window(Activity.MEETINGS));
  }

  @Property
  void phasesOnlyGoForward(@ForAll("enrollments") EnrollmentSchedule e, @ForAll("offsets") long a,
                           @ForAll @IntRange(min = 0, max = 40 * 86_400) int later) {
    Instant first = at(e, a);
    Instant second = first.plusSeconds(later);
    assertThat(e.at(second).phase().ordinal()).isGreaterThanOrEqualTo(e.at(first).phase().ordinal());
    assertThat(e.at(second).day()).isGreaterThanOrEqualTo(e.at(first).day());
  }

  @Property
  void registrationIsOpenExactlyOnItsDays(@ForAll("enrollments") EnrollmentSchedule e, @ForAll("offsets") long offset) {
    var s = e.at(at(e, offset));
    assertThat(s.isOpen(Activity.REGISTRATION))
        .isEqualTo(s.day() >= 1 && s.day() <= e.cohort().template().registrationDays());
  }
}
