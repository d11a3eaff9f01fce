package vn.bdtx.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.postgresql.codec.Json;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.catalog.QuestionKind;

/** Content stored before the Moodle types still reads: published versions are never rewritten. */
class ContentJsonTest {

  @Test
  void aVersionStoredBeforeMarkupAndTheNewTypesReadsWithTheirDefaults() {
    String old = """
        {"lectures":[],"questions":[{"id":"Q1","category":"Bài 1","name":"","text":"Năng lực chung gồm?","kind":"SINGLE",
          "choices":[{"text":"Tự chủ","weight":100.0,"feedback":""},{"text":"Tính toán","weight":0.0,"feedback":""}],
          "generalFeedback":""}],"surveyCategory":"Khảo sát cuối khóa","assignment":null,"nextId":2}""";
    var content = ContentJson.read(Json.of(old));
    var q = content.questions().get(0);
    assertThat(q.kind()).isEqualTo(QuestionKind.SINGLE);
    assertThat(q.html()).isFalse();
    assertThat(q.caseSensitive()).isFalse();
    assertThat(q.choices().get(0).tolerance()).isZero();
    assertThat(q.choices().get(0).match()).isEmpty();
    assertThat(content.images()).isEmpty();
    assertThat(ContentJson.read(ContentJson.write(content))).isEqualTo(content);
  }
}
