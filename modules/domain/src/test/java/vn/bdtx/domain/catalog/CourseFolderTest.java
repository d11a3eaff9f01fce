package vn.bdtx.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CourseFolderTest {

  private static Map<String, String> folder() {
    var files = new HashMap<String, String>();
    files.put("course.txt", "mo_dun: GV-02\ncap_hoc: THCS\nmon: Toán\nten: Mô đun 2 — Toán THCS\nsan_pham_mau: assignment/mau.pdf\n");
    files.put("lectures/01-mo-dau.md", "---\ntieu_de: Mở đầu\nmedia: media/mo-dau.webm\ncau_hoi: quizzes/01.gift\n---\n# Mở đầu\n\nNội dung.");
    files.put("lectures/02-ky-thuat.md", "---\ntieu_de: Kỹ thuật\n---\nNội dung hai.");
    files.put("quizzes/01.gift", "Câu 1 {=A ~B}\n\nCâu 2 {T}\n");
    files.put("survey.gift", "Hài lòng? {~Có ~Không}\n");
    files.put("assignment/brief.md", "Soạn một kế hoạch bài dạy.");
    files.put("assignment/rubric.txt", "Mục tiêu | 4 | rõ\nTiến trình | 6 | đủ\n");
    return files;
  }

  private static final Set<String> MEDIA = Set.of("media/mo-dau.webm", "assignment/mau.pdf");

  @Test
  void readsAWholeCourse() {
    var r = CourseFolder.read(folder(), MEDIA, Set.of("GV-02"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.manifest().level()).isEqualTo(CourseLevel.LOWER_SECONDARY);
    assertThat(r.content().lectures()).extracting(Lecture::title).containsExactly("Mở đầu", "Kỹ thuật");
    assertThat(r.content().lectures().get(0).media().name()).isEqualTo("media/mo-dau.webm");
    assertThat(r.content().inCategory(r.content().lectures().get(0).quizCategory())).hasSize(2);
    assertThat(r.content().survey()).hasSize(1);
    assertThat(r.content().assignment().sample().name()).isEqualTo("assignment/mau.pdf");
    assertThat(r.content().publishBlockers()).isEmpty();
  }

  @Test
  void reportsEveryProblemByFileAndLine() {
    var files = folder();
    files.put("course.txt", "mo_dun: GV-99\ncap_hoc: THCS\nmon: Toán\nten: x\n");
    files.put("quizzes/01.gift", "Câu 1 {=A ~B}\n\nCâu 2 {~A ~B}\n");
    files.put("lectures/03-thieu.md", "---\ntieu_de: Thiếu\nmedia: media/khong-co.mp4\n---\n");
    var r = CourseFolder.read(files, MEDIA, Set.of("GV-02"));
    assertThat(r.ok()).isFalse();
    assertThat(r.problems()).extracting(Object::toString).containsExactlyInAnyOrder(
        "course.txt:1 UNKNOWN_MODULE GV-99",
        "quizzes/01.gift:3 NO_RIGHT_ANSWER Câu 2",
        "lectures/03-thieu.md:3 MEDIA_MISSING media/khong-co.mp4");
  }
}
