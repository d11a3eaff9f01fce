package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.accounts.PasswordRejection;
import vn.bdtx.domain.accounts.Role;

/** Every text shown comes from the bundles, and both languages have every key. */
class MessagesTest {

  static final Path TEMPLATES = Path.of("src/main/resources/templates");
  static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z0-9_.]+)[(}]");

  @Test
  void vietnameseAndEnglishHaveTheSameKeys() throws IOException {
    assertThat(load("en").stringPropertyNames()).isEqualTo(load("vi").stringPropertyNames());
  }

  @Test
  void noMessageIsEmpty() throws IOException {
    for (String lang : new String[] {"vi", "en"}) {
      Properties p = load(lang);
      assertThat(p.stringPropertyNames()).allSatisfy(k -> assertThat(p.getProperty(k)).as(lang + ": " + k).isNotBlank());
    }
  }

  @Test
  void everyKeyATemplateUsesExistsInBothLanguages() throws IOException {
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".txt")).toList()) {
        var m = LITERAL_KEY.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    assertThat(used).isNotEmpty().as("the e-mails' text templates are read too").contains("submission.receiptMail.lead");
    assertThat(load("vi").stringPropertyNames()).containsAll(used);
    assertThat(load("en").stringPropertyNames()).containsAll(used);
  }

  @Test
  void everyRefusalAndRoleHasAText() throws IOException {
    Set<String> needed = new TreeSet<>();
    Arrays.stream(PasswordRejection.values()).forEach(r -> needed.add("accounts.password.rejected." + r.name()));
    Arrays.stream(Role.values()).forEach(r -> needed.add("role." + r.name()));
    assertThat(load("vi").stringPropertyNames()).containsAll(needed);
    assertThat(load("en").stringPropertyNames()).containsAll(needed);
  }

  /**
   * Key families built at run time from an enum ({@code #{'learn.phase.' + ${s.phase}}}, {@code "quiz.refused." + r.name()}):
   * the prefix and the enum whose every constant needs a text. A constant added without its text fails here, not on a page.
   * (Password refusals and roles: {@link #everyRefusalAndRoleHasAText}.)
   */
  static final Map<String, String> ENUM_FAMILIES = new TreeMap<>(Map.ofEntries(
      Map.entry("quiz.refused.", "vn.bdtx.assessment.Quizzes$Refusal"),
      Map.entry("learn.phase.", "vn.bdtx.domain.schedule.Phase"),
      Map.entry("learn.todo.", "vn.bdtx.domain.schedule.Activity"),
      Map.entry("learn.todo.state.", "vn.bdtx.domain.schedule.Todo$State"),
      Map.entry("learn.available.", "vn.bdtx.learning.Availability$State"),
      Map.entry("reports.behind.", "vn.bdtx.domain.reporting.BehindToday$Reason"),
      Map.entry("regulation.problem.", "vn.bdtx.domain.completion.Regulation$Problem"),
      Map.entry("exemption.kind.", "vn.bdtx.domain.accounts.ExemptionKind"),
      Map.entry("result.outcome.", "vn.bdtx.domain.completion.Completion$Outcome"),
      Map.entry("completion.outcome.", "vn.bdtx.domain.completion.Completion$Outcome"),
      Map.entry("community.meetings.level.", "vn.bdtx.domain.community.MeetingRules$Level"),
      Map.entry("year.state.", "vn.bdtx.domain.completion.YearStatus$State"),
      Map.entry("submission.refusal.", "vn.bdtx.domain.assignments.SubmissionRules$Refusal"),
      Map.entry("community.notices.kind.", "vn.bdtx.community.Notifications$Kind"),
      Map.entry("community.questions.refusal.", "vn.bdtx.domain.community.QuestionRules$Refusal"),
      Map.entry("roles.problem.", "vn.bdtx.domain.accounts.RoleScopes$Refusal"),
      Map.entry("community.peersupport.decision.", "vn.bdtx.domain.community.PeerSupportDecision$Refusal"),
      Map.entry("community.peersupport.refused.", "vn.bdtx.community.peersupport.PeerSupport$Refusal")));
  /** Constants the pages never show through their family: an open activity is a link, not a "closed" line. */
  static final Set<String> NEVER_SHOWN = Set.of("learn.available.OPEN");

  @Test
  void everyConstantOfAnEnumShownThroughAKeyFamilyHasATextInBothLanguages() throws Exception {
    Set<String> needed = new TreeSet<>();
    for (var family : ENUM_FAMILIES.entrySet()) {
      for (Object constant : Class.forName(family.getValue()).getEnumConstants()) {
        needed.add(family.getKey() + ((Enum<?>) constant).name());
      }
    }
    needed.removeAll(NEVER_SHOWN);
    assertThat(load("vi").stringPropertyNames()).containsAll(needed);
    assertThat(load("en").stringPropertyNames()).containsAll(needed);
  }

  /** Keys the plain-text answers of script endpoints name in Java: {@code texts.of(exchange, "key", …)}, a form's {@code refuse("key", …)}. */
  static final Pattern PLAIN_TEXT_KEY = Pattern.compile("(?:texts\\.of\\([^,()]+,\\s*|refuse\\()\"([A-Za-z0-9_.]+)\"");

  @Test
  void everyKeyAPlainTextAnswerNamesExistsInBothLanguages() throws IOException {
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        var m = PLAIN_TEXT_KEY.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    assertThat(used).contains("attempt.answer.invalid", "learn.progress.refused.span", "survey.answer.noSuchChoice");
    assertThat(load("vi").stringPropertyNames()).containsAll(used);
    assertThat(load("en").stringPropertyNames()).containsAll(used);
  }

  private static Properties load(String lang) throws IOException {
    var p = new Properties();
    try (var in = MessagesTest.class.getResourceAsStream("/messages_" + lang + ".properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
