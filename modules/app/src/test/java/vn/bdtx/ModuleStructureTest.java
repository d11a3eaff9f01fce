package vn.bdtx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The structure checks itself (STYLE.md 5): contexts talk through their public types, without cycles, shared
 * infrastructure never reaches into a context, and each context touches only its own tables (DESIGN §5).
 */
class ModuleStructureTest {

  /** The contexts: vn.bdtx's top-level packages other than platform (and the domain, a shared kernel of rules). */
  private static final String[] CONTEXTS = {
      "vn.bdtx.accounts..", "vn.bdtx.assessment..", "vn.bdtx.assignments..", "vn.bdtx.catalog..",
      "vn.bdtx.cohorts..", "vn.bdtx.community..", "vn.bdtx.completion..", "vn.bdtx.demo..", "vn.bdtx.home..",
      "vn.bdtx.learning..", "vn.bdtx.regulation..", "vn.bdtx.reporting.."};

  @Test
  void contextsDependOnlyOnWhatOtherContextsExposeAndHaveNoCycles() {
    // The domain jar is a shared kernel of pure rules every context uses (and may not carry Spring
    // annotations), so it is left out of the module analysis rather than declared a module.
    ApplicationModules.of(BdtxApplication.class, JavaClass.Predicates.resideInAPackage("vn.bdtx.domain..")).verify();
  }

  /**
   * Things are named once (issue 20): each package of the domain is named as the context of the app whose rules it
   * holds (accounts, not "org"; cohorts, not "schedule"; catalog, not "content"), or is one of the shared kernels.
   */
  @Test
  void theDomainNamesItsPackagesAsTheAppNamesItsContexts() throws Exception {
    Set<String> kernels = Set.of("admission", "imports", "net", "storage", "text");
    Path location = Path.of(vn.bdtx.domain.accounts.Role.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> packages = new TreeSet<>();
    try (var jar = Files.isDirectory(location) ? null : java.nio.file.FileSystems.newFileSystem(location)) {
      Path root = (jar == null ? location : jar.getPath("/")).resolve("vn/bdtx/domain");
      try (Stream<Path> dirs = Files.list(root)) {
        dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString().replace("/", "")).forEach(packages::add);
      }
    }
    Set<String> contexts = contextsOnDisk();
    assertThat(packages).as("the domain's packages").contains("accounts", "catalog", "cohorts");
    assertThat(packages.stream().filter(p -> !kernels.contains(p) && !contexts.contains(p)).toList())
        .as("domain packages named neither as a context of the app nor as a shared kernel").isEmpty();
  }

  @Test
  void sharedInfrastructureNeverReachesIntoAContext() throws Exception {
    assertThat(contextsOnDisk()).as("every top-level package of vn.bdtx is listed as a context or is platform")
        .isEqualTo(new TreeSet<>(Stream.of(CONTEXTS).map(p -> p.substring("vn.bdtx.".length(), p.length() - 2)).toList()));
    noClasses().that().resideInAPackage("vn.bdtx.platform..")
        .should().dependOnClassesThat().resideInAnyPackage(CONTEXTS)
        .because("contexts plug into the platform through its interfaces, not the other way round")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("vn.bdtx"));
  }

  @Test
  void everyTableOfTheMigrationsHasExactlyOneOwningContext() throws Exception {
    Map<String, String> owners = owners();
    assertThat(new TreeSet<>(owners.keySet())).as("tables in table-ownership.txt = tables the migrations create")
        .isEqualTo(migrationTables());
  }

  /**
   * Every SQL string of every compiled class touches only its own context's tables: a context that writes
   * another's table, or reads it other than through the owner's published query interface (whose SQL lives in
   * the owner), fails here with the class, the table and its owner. Known violations waiting for their fix are
   * listed, each with its reason and plan, in table-ownership-known-violations.txt; one that is fixed must leave
   * the list, so the list only shrinks.
   */
  @Test
  void eachContextReadsAndWritesOnlyItsOwnTables() throws Exception {
    Map<String, String> owners = owners();
    Set<String> known = knownViolations();
    Map<String, String> found = new TreeMap<>();
    int ownAccesses = 0;
    for (var entry : classStrings().entrySet()) {
      String className = entry.getKey();
      String context = contextOf(className);
      for (String constant : entry.getValue()) {
        for (var ref : SqlTables.references(constant, owners.keySet())) {
          String owner = owners.get(ref.table());
          if (owner.equals(context)) {
            ownAccesses++;
            continue;
          }
          String key = topLevel(className) + " " + ref.access() + " " + ref.table();
          found.putIfAbsent(key, topLevel(className) + " (" + context + ") " + ref.access().name().toLowerCase()
              + " " + ref.table() + ", owned by " + owner);
        }
      }
    }
    assertThat(ownAccesses).as("the check sees the contexts' own SQL").isGreaterThan(100);
    List<String> newViolations = found.entrySet().stream().filter(e -> !known.contains(e.getKey()))
        .map(Map.Entry::getValue).toList();
    List<String> stale = known.stream().filter(k -> !found.containsKey(k)).toList();
    assertThat(newViolations).as("""
        a context touches another context's table: read it through the owner's published query interface \
        (implemented in the owner), call the owner's command API, or react to an event the owner publishes \
        through platform.events.Outbox (DESIGN §5)""").isEmpty();
    assertThat(stale).as("fixed violations still listed in table-ownership-known-violations.txt: remove them").isEmpty();
  }

  /** The scanner itself, on planted statements: a check that sees nothing would pass everything. */
  @Test
  void theScannerFindsReadsAndWritesInEveryFormOfStatement() {
    Set<String> tables = Set.of("account", "cohort", "enrollment", "module_completion", "certificate");
    assertThat(SqlTables.references("""
        INSERT INTO module_completion (account_id, module_code) SELECT e.account_id, c.module_code
        FROM enrollment e JOIN cohort c ON c.id = e.cohort_id ON CONFLICT DO NOTHING""", tables))
        .containsExactlyInAnyOrder(
            new SqlTables.Reference("module_completion", SqlTables.Access.WRITES),
            new SqlTables.Reference("enrollment", SqlTables.Access.READS),
            new SqlTables.Reference("cohort", SqlTables.Access.READS));
    assertThat(SqlTables.references("SELECT 1 FROM account a, cohort c WHERE a.id = c.lecturer_id FOR UPDATE", tables))
        .containsExactlyInAnyOrder(
            new SqlTables.Reference("account", SqlTables.Access.READS),
            new SqlTables.Reference("cohort", SqlTables.Access.READS));
    assertThat(SqlTables.references("UPDATE enrollment SET x = 1 FROM cohort WHERE cohort.id = enrollment.cohort_id", tables))
        .containsExactlyInAnyOrder(
            new SqlTables.Reference("enrollment", SqlTables.Access.WRITES),
            new SqlTables.Reference("cohort", SqlTables.Access.READS));
    assertThat(SqlTables.references("DELETE FROM certificate USING account WHERE true", tables))
        .containsExactlyInAnyOrder(
            new SqlTables.Reference("certificate", SqlTables.Access.WRITES),
            new SqlTables.Reference("account", SqlTables.Access.READS));
    assertThat(SqlTables.references("TRUNCATE TABLE account", tables))
        .containsExactly(new SqlTables.Reference("account", SqlTables.Access.WRITES));
    assertThat(SqlTables.references("INSERT INTO x VALUES (1) ON CONFLICT (id) DO UPDATE SET n = 2", tables)).isEmpty();
    assertThat(SqlTables.references("WITH cohort_rows AS (SELECT 1) SELECT * FROM cohort_rows, unnest(:ids)", tables)).isEmpty();
  }

  @Test
  void aPlantedCrossContextStatementIsReported() {
    // What the ownership check sees when assessment writes completion's table and reads cohorts' one.
    Set<String> tables = Set.of("certificate", "enrollment", "quiz_attempt");
    var refs = SqlTables.references(
        "INSERT INTO certificate (enrollment_id) SELECT e.id FROM enrollment e JOIN quiz_attempt q ON q.enrollment_id = e.id",
        tables);
    Map<String, String> owners = Map.of("certificate", "completion", "enrollment", "cohorts", "quiz_attempt", "assessment");
    assertThat(refs.stream().filter(r -> !owners.get(r.table()).equals("assessment")).map(r -> r.access() + " " + r.table()))
        .containsExactlyInAnyOrder("WRITES certificate", "READS enrollment");
  }

  // --- reading the map, the migrations and the classes ---

  private static Map<String, String> owners() throws IOException {
    Map<String, String> owners = new LinkedHashMap<>();
    for (String line : resourceLines("/table-ownership.txt")) {
      int colon = line.indexOf(':');
      String context = line.substring(0, colon).trim();
      for (String table : line.substring(colon + 1).trim().split("\\s+")) {
        String previous = owners.put(table, context);
        assertThat(previous).as("table %s listed for %s and %s", table, previous, context).isNull();
      }
    }
    return owners;
  }

  /** {@code <class> <READS|WRITES> <table>} of each listed known violation (the reason and plan follow a '|'). */
  private static Set<String> knownViolations() throws IOException {
    Set<String> known = new TreeSet<>();
    for (String line : resourceLines("/table-ownership-known-violations.txt")) {
      String[] parts = line.split("\\|");
      assertThat(parts).as("'%s' gives a reason and a planned fix", line).hasSize(3);
      known.add(parts[0].trim().replaceAll("\\s+", " "));
    }
    return known;
  }

  private static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = Objects.requireNonNull(ModuleStructureTest.class.getResourceAsStream(name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
  }

  private static final Pattern CREATE_TABLE = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)");

  private static Set<String> migrationTables() throws IOException, URISyntaxException {
    Set<String> tables = new TreeSet<>();
    try (Stream<Path> files = Files.list(classes().resolve("db/migration"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
        var m = CREATE_TABLE.matcher(Files.readString(file));
        while (m.find()) {
          tables.add(m.group(1).toLowerCase());
        }
      }
    }
    return tables;
  }

  private static Path classes() throws URISyntaxException {
    return Path.of(BdtxApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Class name → its string constants, for every main class of vn.bdtx outside the domain. */
  private static Map<String, List<String>> classStrings() throws IOException, URISyntaxException {
    Path root = classes();
    Map<String, List<String>> strings = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root.resolve("vn/bdtx"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.startsWith("vn.bdtx.domain.")) {
          continue;
        }
        try (InputStream in = Files.newInputStream(file)) {
          strings.put(name, SqlTables.stringConstants(in));
        }
      }
    }
    assertThat(strings).as("compiled classes found").hasSizeGreaterThan(100);
    return strings;
  }

  private static Set<String> contextsOnDisk() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(classes().resolve("vn/bdtx"))) {
      Set<String> names = new TreeSet<>();
      dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
          .filter(n -> !n.equals("platform") && !n.equals("domain")).forEach(names::add);
      return names;
    }
  }

  /** The context of a class: its top-level package under vn.bdtx ("" for the application class). */
  private static String contextOf(String className) {
    String rest = className.substring("vn.bdtx.".length());
    int dot = rest.indexOf('.');
    return dot < 0 ? "" : rest.substring(0, dot);
  }

  /** The class a statement belongs to for the report: nested and anonymous classes count as their outer class. */
  private static String topLevel(String className) {
    String rest = className.substring("vn.bdtx.".length());
    int dollar = rest.indexOf('$');
    return dollar < 0 ? rest : rest.substring(0, dollar);
  }
}
