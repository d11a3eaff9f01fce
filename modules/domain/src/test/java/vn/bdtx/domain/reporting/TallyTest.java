package vn.bdtx.domain.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {

  record Unit(String name, Tally tally) {
  }

  static Tally completedOf(long completed, long counted) {
    return new Tally(counted, 0, counted, counted, counted, counted, counted, completed, 0, 0, 0, 0, 0);
  }

  @Test
  void unitsAreSortedWorstFirstAndUnitsWithNoOneCountedLast() {
    var units = new ArrayList<>(List.of(
        new Unit("on target", completedOf(50, 50)),
        new Unit("empty", Tally.EMPTY),
        new Unit("far behind", completedOf(30, 50)),
        new Unit("a little behind", completedOf(48, 50))));
    units.sort(Tally.worstFirst(Unit::tally, Targets.DEFAULT));
    assertThat(units).extracting(Unit::name).containsExactly("far behind", "a little behind", "on target", "empty");
  }

  @Test
  void onTheSameCompletionTheWorseSurveyComesFirst() {
    var good = new Tally(10, 0, 10, 10, 10, 10, 10, 9, 0, 0, 90, 100, 0);
    var bad = new Tally(10, 0, 10, 10, 10, 10, 10, 9, 0, 0, 50, 100, 0);
    var units = new ArrayList<>(List.of(new Unit("good", good), new Unit("bad", bad)));
    units.sort(Tally.worstFirst(Unit::tally, Targets.DEFAULT));
    assertThat(units).extracting(Unit::name).containsExactly("bad", "good");
  }

  @Test
  void aDistrictIsTheSumOfItsSchools() {
    var a = new Tally(10, 2, 9, 8, 7, 6, 5, 4, 1, 1, 30, 40, 2);
    var b = new Tally(5, 1, 5, 5, 5, 5, 5, 5, 0, 0, 10, 10, 0);
    var sum = Tally.sum(List.of(a, b));
    assertThat(sum.counted()).isEqualTo(14);
    assertThat(sum.completion().percent()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("64.3"));
    assertThat(sum.positivity().percent()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("80.0"));
    assertThat(sum.enrolled()).isEqualTo(18);
  }

  @Test
  void theFunnelFollowsTheFifteenDays() {
    var t = new Tally(10, 3, 9, 8, 7, 6, 5, 4, 1, 0, 0, 0, 0);
    assertThat(t.funnel()).extracting(Tally.Stage::step).containsExactly(Tally.Step.values());
    assertThat(t.funnel()).extracting(Tally.Stage::count).containsExactly(9L, 8L, 7L, 6L, 5L, 4L);
  }

  @Test
  void exemptMainEnrollmentsLeaveTheWholeAndReferenceOnesAreApart() {
    var done = new Tally.Standing(true, false, false, true, true, true, true, true, 4, 5, false);
    var exempt = new Tally.Standing(true, true, false, false, false, false, false, false, 0, 0, false);
    var reference = new Tally.Standing(false, false, true, true, true, true, true, true, 1, 5, true);
    var behind = new Tally.Standing(true, false, false, false, false, false, false, false, 0, 0, true);
    var t = Tally.of(List.of(done, exempt, reference, behind));
    assertThat(t.enrolledMain()).isEqualTo(3);
    assertThat(t.enrolledReference()).isEqualTo(1);
    assertThat(t.counted()).isEqualTo(2);
    assertThat(t.completed()).isEqualTo(1);
    assertThat(t.completion().percent()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("50.0"));
    assertThat(t.exempt()).isEqualTo(1);
    assertThat(t.reduced()).isEqualTo(1);
    assertThat(t.positivity()).isEqualTo(new Rate(5, 10));
    assertThat(t.behindToday()).isEqualTo(2);
  }
}
