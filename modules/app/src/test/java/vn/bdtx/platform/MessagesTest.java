package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.bdtx.accounts.Organisation;
import vn.bdtx.assignments.Grades;
import vn.bdtx.cohorts.ReminderJob;
import vn.bdtx.domain.accounts.PasswordRejection;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.community.PeerSupportDecision;
import vn.bdtx.domain.community.PeerSupportKind;
import vn.bdtx.domain.completion.Completion;
import vn.bdtx.domain.catalog.QuestionFile;
import vn.bdtx.domain.cohorts.Reminder;
import vn.bdtx.reporting.ReportPages;
import vn.bdtx.reporting.ReportQueries;

/** Every text shown comes from the bundles, and both languages have every key. */
class MessagesTest {

  static final Path TEMPLATES = Path.of("src/main/resources/templates");
  static final Pattern LITERAL_KEY = Pattern.compile("#\\{([A-Za-z0-9_.]+)[(}]");

  @Test
  void vietnameseAndEnglishHaveTheSameKeys() throws IOException {
    assertThat(load("en").stringPropertyNames()).isEqualTo(load("vi").stringPropertyNames());
  }

  /** The app's contexts: the top-level packages of {@code vn.bdtx}, read from the source tree. */
  static final Path CONTEXTS = Path.of("src/main/java/vn/bdtx");

  /**
   * Issue 20, one name per context: a key's first word names the context that owns what it names, as the domain's
   * packages, the app's packages and the templates' folders do ({@code reporting.title}, {@code assessment.quiz.start},
   * page chrome under {@code platform.}). A new context is accepted as soon as its package exists; a family named
   * after anything else fails here.
   */
  @Test
  void everyKeyIsNamedAfterTheContextThatOwnsIt() throws IOException {
    Set<String> contexts = new TreeSet<>();
    try (Stream<Path> dirs = Files.list(CONTEXTS)) {
      dirs.filter(Files::isDirectory).forEach(d -> contexts.add(d.getFileName().toString()));
    }
    assertThat(contexts).contains("accounts", "platform", "reporting");
    for (String lang : new String[] {"vi", "en"}) {
      Set<String> strays = new TreeSet<>();
      load(lang).stringPropertyNames().stream().map(k -> k.substring(0, Math.max(k.indexOf('.'), 0)))
          .filter(first -> !contexts.contains(first)).forEach(strays::add);
      assertThat(strays).as(lang + ": first words of keys that are not one of the contexts " + contexts).isEmpty();
    }
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
    assertThat(used).isNotEmpty().as("the e-mails' text templates are read too").contains("assignments.submission.receiptMail.lead");
    assertThat(load("vi").stringPropertyNames()).containsAll(used);
    assertThat(load("en").stringPropertyNames()).containsAll(used);
  }

  /**
   * The column names an import page lists as accepted (the account and run imports' "Also recognised") are accepted:
   * each names its column when the import matches headers, in both languages. A name listed but not read would send
   * a user's file back with a missing column.
   */
  @Test
  void everyHeaderAnImportPageListsIsOneItReads() throws IOException {
    for (String lang : new String[] {"vi", "en"}) {
      Properties p = load(lang);
      for (var c : vn.bdtx.domain.accounts.ImportColumn.values()) {
        assertAccepted(p.getProperty("accounts.import.column." + c.name() + ".aliases"), c, vn.bdtx.domain.accounts.ImportColumn.class);
      }
      for (var c : vn.bdtx.domain.cohorts.RunColumn.values()) {
        assertAccepted(p.getProperty("cohorts.runs.columnAliases." + c.name()), c, vn.bdtx.domain.cohorts.RunColumn.class);
      }
      if (lang.equals("vi")) {
        // The Vietnamese names in words that a report gives a column the file lacks are headers it reads, too.
        for (var c : vn.bdtx.domain.cohorts.RunColumn.values()) {
          assertAccepted(p.getProperty("cohorts.runs.columnLabel." + c.name()), c, vn.bdtx.domain.cohorts.RunColumn.class);
        }
        for (var c : vn.bdtx.domain.accounts.OrgImport.Column.values()) {
          assertAccepted(p.getProperty("accounts.orgImport.column." + c.name()), c, vn.bdtx.domain.accounts.OrgImport.Column.class);
        }
      }
    }
  }

  private static <C extends Enum<C> & vn.bdtx.domain.imports.Column> void assertAccepted(String names, C column,
                                                                                          Class<C> columns) {
    assertThat(names).as(column.name()).isNotBlank();
    for (String name : names.split(",")) {
      assertThat(vn.bdtx.domain.imports.Headers.find(name.strip(), columns, vn.bdtx.domain.imports.Column::headers))
          .as("«" + name.strip() + "» read as " + column.name()).contains(column);
    }
  }

  @Test
  void everyRefusalAndRoleHasAText() throws IOException {
    Set<String> needed = new TreeSet<>();
    Arrays.stream(PasswordRejection.values()).forEach(r -> needed.add("accounts.password.rejected." + r.name()));
    Arrays.stream(Role.values()).forEach(r -> needed.add("accounts.role." + r.name()));
    assertThat(load("vi").stringPropertyNames()).containsAll(needed);
    assertThat(load("en").stringPropertyNames()).containsAll(needed);
  }

  /**
   * Key families built at run time from an enum ({@code #{'learning.phase.' + ${s.phase}}}, {@code "assessment.quiz.refused." + r.name()}):
   * the prefix and the enum whose every constant needs a text. A constant added without its text fails here, not on a page.
   * Families whose suffix is a string column of the database name the enum the column's values come from.
   */
  static final Map<String, String> ENUM_FAMILIES = new TreeMap<>(Map.ofEntries(
      Map.entry("assessment.quiz.refused.", "vn.bdtx.assessment.Quizzes$Refusal"),
      Map.entry("assessment.quiz.rule.policy.", "vn.bdtx.domain.catalog.QuizSettings$Policy"),
      Map.entry("learning.phase.", "vn.bdtx.domain.cohorts.Phase"),
      Map.entry("learning.todo.", "vn.bdtx.domain.cohorts.Activity"),
      Map.entry("learning.todo.state.", "vn.bdtx.domain.cohorts.Todo$State"),
      Map.entry("learning.available.", "vn.bdtx.learning.Availability$State"),
      Map.entry("learning.kind.", "vn.bdtx.domain.cohorts.EnrollmentKind"),
      Map.entry("reporting.kind.", "vn.bdtx.domain.cohorts.EnrollmentKind"),
      Map.entry("reporting.behind.", "vn.bdtx.domain.reporting.BehindToday$Reason"),
      Map.entry("reporting.step.", "vn.bdtx.domain.reporting.Tally$Step"),
      Map.entry("reporting.exemption.", "vn.bdtx.domain.accounts.ExemptionKind"),
      Map.entry("reporting.exports.year.exemption.", "vn.bdtx.domain.accounts.ExemptionKind"),
      Map.entry("reporting.exports.year.state.", "vn.bdtx.domain.completion.YearStatus$State"),
      Map.entry("reporting.exports.results.col.reason.", "vn.bdtx.domain.reporting.NotCompletedReason"),
      Map.entry("regulation.field.", "vn.bdtx.domain.completion.Regulation$Field"),
      Map.entry("regulation.problem.", "vn.bdtx.domain.completion.Regulation$Problem"),
      Map.entry("accounts.exemption.kind.", "vn.bdtx.domain.accounts.ExemptionKind"),
      Map.entry("completion.result.outcome.", "vn.bdtx.domain.completion.Completion$Outcome"),
      Map.entry("completion.result.iii.", "vn.bdtx.domain.completion.Completion$InstitutionDecision"),
      Map.entry("completion.result.meeting.", "vn.bdtx.domain.completion.Completion$State"),
      Map.entry("completion.outcome.", "vn.bdtx.domain.completion.Completion$Outcome"),
      Map.entry("completion.evaluation.institution.", "vn.bdtx.domain.completion.Completion$InstitutionDecision"),
      Map.entry("completion.year.state.", "vn.bdtx.domain.completion.YearStatus$State"),
      Map.entry("community.meetings.level.", "vn.bdtx.domain.community.MeetingRules$Level"),
      Map.entry("community.meetings.problem.", "vn.bdtx.domain.community.MeetingRules$Problem"),
      Map.entry("community.meetings.file.", "vn.bdtx.community.meetings.Meetings$FileProblem"),
      Map.entry("community.notices.kind.", "vn.bdtx.community.Notifications$Kind"),
      Map.entry("community.notices.audience.", "vn.bdtx.domain.community.Audience$Type"),
      Map.entry("community.questions.refusal.", "vn.bdtx.domain.community.QuestionRules$Refusal"),
      Map.entry("community.questions.state.", "vn.bdtx.domain.community.QuestionState"),
      Map.entry("community.questions.state.ESCALATED.", "vn.bdtx.domain.community.EscalationTarget"),
      Map.entry("community.questions.target.", "vn.bdtx.domain.community.EscalationTarget"),
      Map.entry("community.peersupport.decision.", "vn.bdtx.domain.community.PeerSupportDecision$Refusal"),
      Map.entry("community.peersupport.refused.", "vn.bdtx.community.peersupport.PeerSupport$Refusal"),
      Map.entry("community.peersupport.kind.", "vn.bdtx.domain.community.PeerSupportKind"),
      Map.entry("community.peersupport.state.", "vn.bdtx.community.peersupport.PeerSupport$State"),
      Map.entry("community.peersupport.status.", "vn.bdtx.community.peersupport.Oversight$Status"),
      Map.entry("assignments.submission.refusal.", "vn.bdtx.domain.assignments.SubmissionRules$Refusal"),
      Map.entry("assignments.submission.file.", "vn.bdtx.domain.assignments.SubmissionRules$FileProblem"),
      Map.entry("assignments.submission.receiptMail.", "vn.bdtx.assignments.SubmissionReceipts$Mail"),
      Map.entry("assignments.grading.mark.", "vn.bdtx.domain.assignments.Marking$Problem"),
      Map.entry("platform.filekind.", "vn.bdtx.platform.storage.FileTypes$Kind"),
      Map.entry("platform.spreadsheet.problem.", "vn.bdtx.platform.spreadsheet.SpreadsheetProblem$Kind"),
      Map.entry("accounts.roles.problem.", "vn.bdtx.domain.accounts.RoleScopes$Refusal"),
      Map.entry("accounts.role.", "vn.bdtx.domain.accounts.Role"),
      Map.entry("accounts.scope.", "vn.bdtx.domain.accounts.ScopeType"),
      Map.entry("accounts.level.", "vn.bdtx.domain.accounts.Level"),
      Map.entry("accounts.import.column.", "vn.bdtx.domain.accounts.ImportColumn"),
      Map.entry("accounts.import.position.", "vn.bdtx.domain.accounts.Position"),
      Map.entry("catalog.audience.", "vn.bdtx.domain.accounts.Position"),
      Map.entry("accounts.import.problem.", "vn.bdtx.domain.accounts.ImportProblem"),
      Map.entry("accounts.password.rejected.", "vn.bdtx.domain.accounts.PasswordRejection"),
      Map.entry("accounts.org.kind.", "vn.bdtx.domain.accounts.OrgUnitKind"),
      Map.entry("accounts.org.problem.", "vn.bdtx.domain.accounts.Placement$Refusal"),
      Map.entry("accounts.orgImport.problem.", "vn.bdtx.domain.accounts.OrgImport$Problem"),
      Map.entry("cohorts.runs.column.", "vn.bdtx.domain.cohorts.RunColumn"),
      Map.entry("cohorts.runs.columnLabel.", "vn.bdtx.domain.cohorts.RunColumn"),
      Map.entry("cohorts.runs.columnAliases.", "vn.bdtx.domain.cohorts.RunColumn"),
      Map.entry("accounts.orgImport.column.", "vn.bdtx.domain.accounts.OrgImport$Column"),
      Map.entry("cohorts.runs.problem.", "vn.bdtx.domain.cohorts.RunProblem"),
      Map.entry("cohorts.cohort.problem.extension.", "vn.bdtx.domain.cohorts.Extension$Problem"),
      Map.entry("catalog.course.level.", "vn.bdtx.domain.catalog.CourseLevel"),
      Map.entry("catalog.course.blocker.", "vn.bdtx.domain.catalog.CourseContent$PublishProblem"),
      Map.entry("catalog.questions.kind.", "vn.bdtx.domain.catalog.QuestionKind"),
      Map.entry("catalog.questions.problem.kind.", "vn.bdtx.domain.catalog.QuestionProblem$Kind"),
      Map.entry("catalog.questionForm.problem.", "vn.bdtx.domain.catalog.QuestionForm$Problem$Kind"),
      Map.entry("catalog.rubric.problem.", "vn.bdtx.domain.catalog.Rubric$Problem")));
  /** Constants the pages never show through their family: an open activity is a link, not a "closed" line. */
  static final Set<String> NEVER_SHOWN = Set.of("learning.available.OPEN");

  @Test
  void everyConstantOfAnEnumShownThroughAKeyFamilyHasATextInBothLanguages() throws Exception {
    Set<String> needed = new TreeSet<>();
    for (var family : ENUM_FAMILIES.entrySet()) {
      for (Object constant : Class.forName(family.getValue()).getEnumConstants()) {
        needed.add(family.getKey() + ((Enum<?>) constant).name());
      }
    }
    needed.removeAll(NEVER_SHOWN);
    assertThat(needed).as("every key a family needs").hasSizeGreaterThan(350);
    assertBothLanguagesHave(needed);
  }

  /**
   * Key families whose suffixes are not one enum's constants: the values come from the code's own constant, or from
   * the enums whose combination the code builds the key of.
   */
  static final Map<String, Supplier<Collection<String>>> VALUE_FAMILIES = new TreeMap<>(Map.ofEntries(
      Map.entry("accounts.org.schoolType.", () -> Organisation.SCHOOL_TYPES),
      Map.entry("assignments.grading.status.", () -> with(Grades.Standing.STATUSES, Grades.Standing.LATE)),
      Map.entry("catalog.questions.type.", () -> with(QuestionFile.Skipped.NAMED, QuestionFile.Skipped.OTHER)),
      Map.entry("reporting.below.", MessagesTest::belowKeys),
      Map.entry("reporting.chart.completion.desc.", MessagesTest::belowKeys),
      // No text for UNDECIDED: the read model stores it as null and the table says reporting.institution.none.
      Map.entry("reporting.institution.", () -> with(Arrays.stream(Completion.InstitutionDecision.values())
          .filter(d -> d != Completion.InstitutionDecision.UNDECIDED).map(Enum::name).toList(), "none")),
      // ReminderJob.Text.of: a reminder's kind, or BEHIND_ and why the learner is behind.
      Map.entry("cohorts.reminder.", () -> with(names(Reminder.Kind.values()),
          Arrays.stream(ReminderJob.Behind.values()).map(b -> "BEHIND_" + b.name()).toArray(String[]::new))),
      // PeerSupport: community.notice.peersupport.<kind>.<verdict>, stored in notification.message_key.
      Map.entry("community.notice.peersupport.", () -> Arrays.stream(PeerSupportKind.values())
          .flatMap(k -> Arrays.stream(PeerSupportDecision.Verdict.values()).map(v -> k.name() + "." + v.name())).toList())));

  /**
   * Key families whose suffixes are literals written at one place of the code (or a column's CHECK in its migration):
   * the test reads them there, so a value added there needs its text. Every quoted word inside group 1 is a value.
   */
  record Scan(Path where, Pattern pattern) {
    Scan(String where, String pattern) {
      this(Path.of(where), Pattern.compile(pattern));
    }
  }

  static final String JAVA = "src/main/java/vn/bdtx/";
  static final String AUDIT_RECORD = "audit\\.record\\(\\s*[^,]+,\\s*([^,]+?),\\s*(\"[a-z_]+\")";
  static final Map<String, List<Scan>> SCANNED_FAMILIES = new TreeMap<>(Map.ofEntries(
      Map.entry("platform.audit.action.", List.of(new Scan(JAVA, AUDIT_RECORD))),
      Map.entry("platform.audit.target.", List.of(new Scan(JAVA, "audit\\.record\\(\\s*[^,]+,\\s*[^,]+?,\\s*(\"[a-z_]+\")"))),
      // ReportTables.col("key", …), and the first column ReportPages names when it calls tallies(id, first, …)
      Map.entry("reporting.col.", List.of(new Scan(JAVA + "reporting/ReportTables.java", "\\bcol\\((\"\\w+\")"),
          new Scan(JAVA + "reporting/ReportPages.java", "tallies\\(\"\\w+\",\\s*([^,]+),"))),
      Map.entry("reporting.sheet.", List.of(new Scan(JAVA + "reporting/ReportExportController.java",
          "(?:case|sheet\\(locale,) (\"[a-z]+\")"))),
      Map.entry("accounts.exemption.field.", List.of(new Scan(JAVA + "accounts/Exemptions.java", "problems\\.put\\((\"\\w+\")"))),
      Map.entry("accounts.org.field.", List.of(new Scan(JAVA + "accounts/Organisation.java", "problems\\.put\\((\"\\w+\")"))),
      Map.entry("accounts.profile.field.", List.of(new Scan(JAVA + "accounts/Profiles.java", "problems\\.put\\((\"\\w+\")"))),
      Map.entry("accounts.profile.kind.", List.of(new Scan("src/main/resources/db/migration/V3__profile_change_requests.sql",
          "CHECK \\(kind IN \\(([^)]*)\\)"))),
      Map.entry("accounts.profile.status.", List.of(new Scan("src/main/resources/db/migration/V3__profile_change_requests.sql",
          "CHECK \\(status IN \\(([^)]*)\\)"))),
      Map.entry("assessment.surveyReport.", List.of(new Scan("src/main/resources/templates/assessment/survey-report.html",
          "th:each=\"table : \\$\\{ \\{([^}]*)\\} \\}\"")))));
  static final Pattern QUOTED = Pattern.compile("[\"']([A-Za-z0-9_]+)[\"']");

  @Test
  void everyValueOfAFamilyOutsideAnEnumHasATextInBothLanguages() throws IOException {
    Set<String> needed = new TreeSet<>();
    VALUE_FAMILIES.forEach((prefix, values) -> {
      assertThat(values.get()).as(prefix).isNotEmpty();
      values.get().forEach(v -> needed.add(prefix + v));
    });
    for (var family : SCANNED_FAMILIES.entrySet()) {
      for (Scan where : family.getValue()) {
        Set<String> values = scan(where);
        assertThat(values).as(family.getKey() + " read from " + where).isNotEmpty();
        values.forEach(v -> needed.add(family.getKey() + v));
      }
    }
    assertThat(needed).contains("platform.audit.action.PEER_SUPPORT_APPROVED", "platform.audit.target.peer_support_version",
        "reporting.col.unit", "accounts.profile.status.PENDING", "assessment.surveyReport.byDistrict", "cohorts.reminder.BEHIND_NO_SUBMISSION");
    assertBothLanguagesHave(needed);
  }

  /** Each audit action is a literal the test can read (not built at run time), so its text is checked. */
  @Test
  void everyAuditActionIsWrittenAsALiteral() throws IOException {
    for (Path f : sources(Path.of(JAVA), ".java")) {
      var m = Pattern.compile(AUDIT_RECORD).matcher(Files.readString(f));
      while (m.find()) {
        assertThat(QUOTED.matcher(m.group(1)).find()).as(f + ": audit action " + m.group(1).strip()).isTrue();
      }
    }
  }

  /**
   * Prefixes the discovery finds that need no registration: the suffix is not a code the bundles name, or its texts
   * are checked another way. One line each says why.
   */
  static final Map<String, String> NOT_A_FAMILY = new TreeMap<>(Map.of(
      "p.", "TeacherYears: the SQL alias of the person's unit column (p.district_id), not a message key",
      "platform.audit.detail.", "the names of the JSON details of audit_event, written in many places as map keys; the audit page"
          + " shows the words of the name when a label is missing (AuditController.words)"));

  /** {@code #{'prefix.' + ${x}}} and {@code #messages.msg('prefix.' + x)} in templates. */
  static final Pattern TEMPLATE_FAMILY =
      Pattern.compile("(?:#\\{|#messages\\.msg(?:WithParams)?\\()'([A-Za-z0-9_.]+\\.)'\\s*\\+");
  /** {@code "prefix." + x} in Java; group 2 and 3 are the literals when x is {@code (a ? "A" : "B")}. */
  static final Pattern JAVA_FAMILY = Pattern.compile(
      "\"([a-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*\\.)\"\\s*\\+\\s*(?:\\([^\"\\n]*\\?\\s*\"(\\w+)\"\\s*:\\s*\"(\\w+)\"\\s*\\))?");

  /**
   * A key family added in a template or in Java without registering where its values come from fails here, named by
   * file and prefix: a constant added later would otherwise show its raw key on a Vietnamese page. A Java family whose
   * suffix is a choice of two literals ({@code "regulation.hint." + (whole ? "whole" : "mark")}) is checked on the spot.
   */
  @Test
  void everyKeyFamilyBuiltAtRunTimeIsRegistered() throws IOException {
    Set<String> unregistered = new TreeSet<>();
    Set<String> found = new TreeSet<>();
    Set<String> literalChoices = new TreeSet<>();
    for (Path f : sources(TEMPLATES, ".html", ".txt")) {
      var m = TEMPLATE_FAMILY.matcher(Files.readString(f));
      while (m.find()) {
        found.add(m.group(1));
        if (!registered(m.group(1))) {
          unregistered.add(f + ": " + m.group(1));
        }
      }
    }
    for (Path f : sources(Path.of("src/main/java"), ".java")) {
      var m = JAVA_FAMILY.matcher(Files.readString(f));
      while (m.find()) {
        found.add(m.group(1));
        if (m.group(2) != null) {
          literalChoices.add(m.group(1) + m.group(2));
          literalChoices.add(m.group(1) + m.group(3));
        } else if (!registered(m.group(1))) {
          unregistered.add(f + ": " + m.group(1));
        }
      }
    }
    assertThat(found).as("the discovery still sees the families of both shapes")
        .contains("learning.phase.", "reporting.kind.", "cohorts.reminder.", "platform.audit.action.").hasSizeGreaterThan(80);
    assertThat(literalChoices).contains("regulation.hint.whole", "regulation.hint.mark");
    assertThat(unregistered).as("key families built at run time that MessagesTest does not know: register each in"
        + " ENUM_FAMILIES, VALUE_FAMILIES or SCANNED_FAMILIES, or say in NOT_A_FAMILY why it needs none").isEmpty();
    assertBothLanguagesHave(literalChoices);
  }

  /** A whole key written in Java: a word, a dot, and more dotted words. */
  static final Pattern JAVA_KEY = Pattern.compile("\"([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9_]+)+)\"");

  /**
   * Keys Java hands on whole rather than builds: a page's {@code #{${problem}}}, a form's problems map, a notification's
   * {@code message_key} stored in the database ({@code "community.notice.grade"}). A string literal that starts with one of the
   * bundles' first words (role, notice, org …) is such a key and needs a text; others (SQL aliases, property names) are
   * left alone.
   */
  @Test
  void everyKeyJavaNamesWholeExistsInBothLanguages() throws IOException {
    Properties vi = load("vi");
    Set<String> firstWords = new TreeSet<>();
    vi.stringPropertyNames().forEach(k -> firstWords.add(k.substring(0, k.indexOf('.') < 0 ? k.length() : k.indexOf('.'))));
    Set<String> used = new TreeSet<>();
    for (Path f : sources(Path.of("src/main/java"), ".java")) {
      var m = JAVA_KEY.matcher(Files.readString(f));
      while (m.find()) {
        if (firstWords.contains(m.group(1).substring(0, m.group(1).indexOf('.')))) {
          used.add(m.group(1));
        }
      }
    }
    assertThat(used).hasSizeGreaterThan(200)
        .contains("community.notice.grade", "community.peersupport.due.bad", "accounts.org.problem.HAS_ACTIVE_CHILDREN");
    assertBothLanguagesHave(used);
  }

  private static boolean registered(String prefix) {
    return ENUM_FAMILIES.containsKey(prefix) || VALUE_FAMILIES.containsKey(prefix) || SCANNED_FAMILIES.containsKey(prefix)
        || NOT_A_FAMILY.containsKey(prefix);
  }

  private static Set<String> scan(Scan s) throws IOException {
    Set<String> values = new TreeSet<>();
    List<Path> files = Files.isDirectory(s.where()) ? sources(s.where(), ".java") : List.of(s.where());
    for (Path f : files) {
      var m = s.pattern().matcher(Files.readString(f));
      while (m.find()) {
        var q = QUOTED.matcher(m.group(1));
        while (q.find()) {
          values.add(q.group(1));
        }
      }
    }
    return values;
  }

  private static List<Path> sources(Path root, String... endings) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> Arrays.stream(endings).anyMatch(e -> p.toString().endsWith(e))).sorted().toList();
    }
  }

  private static List<String> belowKeys() {
    return with(Arrays.stream(ReportQueries.Below.values()).map(ReportPages::belowKey).toList(), ReportPages.GROUPS);
  }

  private static List<String> names(Enum<?>[] constants) {
    return Arrays.stream(constants).map(Enum::name).toList();
  }

  private static List<String> with(Collection<String> values, String... more) {
    var all = new ArrayList<>(values);
    all.addAll(List.of(more));
    return all;
  }

  private static void assertBothLanguagesHave(Set<String> needed) throws IOException {
    assertThat(load("vi").stringPropertyNames()).as("vi").containsAll(needed);
    assertThat(load("en").stringPropertyNames()).as("en").containsAll(needed);
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
    assertThat(used).contains("assessment.attempt.answer.invalid", "learning.progress.refused.span", "assessment.survey.answer.noSuchChoice");
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
