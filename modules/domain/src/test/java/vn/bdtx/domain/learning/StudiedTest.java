package vn.bdtx.domain.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.catalog.Lecture;
import vn.bdtx.domain.catalog.Media;

class StudiedTest {

  static final Media VIDEO = new Media("a".repeat(64), "video/webm", 1000, "bai1.webm");
  static final Media PDF = new Media("b".repeat(64), "application/pdf", 1000, "phieu.pdf");

  @Test
  void aVideoLectureIsStudiedWhenNinetyPercentOfItsSecondsWereWatched() {
    var lecture = new Lecture("L1", "Bài 1", "", VIDEO, "");
    var most = Watched.none(600).add(0, 539);
    assertThat(Studied.isStudied(lecture, Optional.of(most), true, 0.9)).as("539 of 600 s, even at the end of the page").isFalse();
    assertThat(Studied.isStudied(lecture, Optional.of(most.add(539, 540)), false, 0.9)).isTrue();
    assertThat(Studied.isStudied(lecture, Optional.empty(), true, 0.9)).isFalse();
    // The same 60 seconds watched ten times are still 60 seconds.
    var again = Watched.none(600);
    for (int i = 0; i < 10; i++) {
      again = again.add(0, 60);
    }
    assertThat(Studied.isStudied(lecture, Optional.of(again), false, 0.1)).isTrue();
    assertThat(Studied.isStudied(lecture, Optional.of(again), false, 0.2)).isFalse();
  }

  @Test
  void aTextOrPdfLectureIsStudiedWhenTheLearnerReachedItsEnd() {
    assertThat(Studied.isStudied(new Lecture("L2", "Bài 2", "Nội dung", null, ""), Optional.empty(), true, 0.9)).isTrue();
    assertThat(Studied.isStudied(new Lecture("L2", "Bài 2", "Nội dung", null, ""), Optional.empty(), false, 0.9)).isFalse();
    assertThat(Studied.isStudied(new Lecture("L3", "Bài 3", "", PDF, ""), Optional.empty(), true, 0.9)).isTrue();
  }

  @Test
  void aThresholdIsMoreThanNothingAndAtMostEverything() {
    assertThat(Studied.validThreshold(0.9)).isTrue();
    assertThat(Studied.validThreshold(1.0)).isTrue();
    assertThat(Studied.validThreshold(0)).isFalse();
    assertThat(Studied.validThreshold(1.5)).isFalse();
  }
}
