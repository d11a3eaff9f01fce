package vn.bdtx.catalog;

import io.r2dbc.postgresql.codec.Json;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import vn.bdtx.domain.catalog.CourseContent;

/** Course content as stored in the draft and version JSONB columns. */
final class ContentJson {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // Versions stored before a field existed (a question's html, a choice's tolerance) read it as its default.
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private ContentJson() {
  }

  static Json write(CourseContent content) {
    return Json.of(MAPPER.writeValueAsString(content));
  }

  static CourseContent read(Json json) {
    return MAPPER.readValue(json.asString(), CourseContent.class);
  }
}
