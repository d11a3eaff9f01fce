package vn.bdtx.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * Issue 20 item 3: pages take dates and times from one formatter, {@code #vn}, which shows them in Vietnam time
 * whatever the server's zone; no template spells out a pattern or a zone of its own.
 */
class VietnameseFormatsTest {

  static final Path TEMPLATES = Path.of("src/main/resources/templates");
  /** A date-time formatted in a template by hand: Thymeleaf's own helpers or a zone written out. */
  static final Pattern OWN_FORMAT = Pattern.compile("#temporals\\.format|#dates\\.format|#calendars\\.format|Asia/");

  private static String render(String template, Map<String, Object> vars) {
    var engine = new SpringTemplateEngine();
    engine.setTemplateResolver(new StringTemplateResolver());
    engine.addDialect(new VietnameseFormats());
    return engine.process(template, new Context(null, vars));
  }

  @Test
  void anInstantAtHalfPastFivePmUtcShowsAsHalfPastMidnightOfTheNextDayInThePage() {
    var at = Instant.parse("2026-12-07T17:30:00Z");
    String page = render("""
        <p id="time" th:text="${#vn.time(at)}"></p><p id="day" th:text="${#vn.day(at)}"></p>\
        <p id="minutes" th:text="${#vn.minutes(at)}"></p><p id="seconds" th:text="${#vn.seconds(at)}"></p>""",
        Map.of("at", at));
    assertThat(page).isEqualTo("<p id=\"time\">00:30 08/12/2026</p><p id=\"day\">08/12/2026</p>"
        + "<p id=\"minutes\">00:30</p><p id=\"seconds\">00:30:00 08/12/2026</p>");
  }

  @Test
  void aLastMinuteDeadlineStaysOnItsOwnDay() {
    var deadline = Instant.parse("2026-12-21T16:59:59Z");
    assertThat(render("<b th:text=\"${#vn.time(d)}\"></b>", Map.of("d", deadline))).isEqualTo("<b>23:59 21/12/2026</b>");
  }

  @Test
  void noTemplateFormatsADateWithItsOwnPatternOrZone() throws IOException {
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      var own = files.filter(Files::isRegularFile).filter(f -> {
        try {
          return OWN_FORMAT.matcher(Files.readString(f)).find();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(TEMPLATES::relativize).map(Path::toString).toList();
      assertThat(own).as("templates formatting dates by hand instead of #vn").isEmpty();
    }
  }
}
