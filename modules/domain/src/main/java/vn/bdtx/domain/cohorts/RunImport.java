package vn.bdtx.domain.cohorts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.SchoolYear;
import vn.bdtx.domain.catalog.CourseLevel;
import vn.bdtx.domain.cohorts.EnrollmentKind;
import vn.bdtx.domain.cohorts.ScheduleTemplate;
import vn.bdtx.domain.imports.Headers;
import vn.bdtx.domain.imports.ImportFormat;
import vn.bdtx.domain.imports.ImportRow;
import vn.bdtx.domain.imports.Reading;
import vn.bdtx.domain.imports.RowProblem;
import vn.bdtx.domain.text.Dates;
import vn.bdtx.domain.text.Folding;

/**
 * Validates a whole module run — many classes of one module and their learners,
 * from one spreadsheet — before anything is written (seed 001 §3: the department
 * opens 124 classes at once). Either every class is planned or every problem is
 * listed by row and column; the caller writes only a clean plan, in one go.
 */
public final class RunImport {

  static final int MAX_NAME = 200;

  /** What the run needs to know, looked up by the caller. */
  public interface Directory {
    /** The course of this module, level and subject (subject compared without case or diacritics). */
    Optional<CourseRef> course(String moduleCode, CourseLevel level, String subject);

    /** A person by e-mail or login name. */
    Optional<Person> person(String emailOrLogin);

    /** The codes of the module's prerequisites. */
    Set<String> prerequisites(String moduleCode);
  }

  public record CourseRef(long id, String moduleCode, boolean published) {
  }

  /**
   * @param clusterId        the cluster of the person's school (their group), null when it has none
   * @param exemptYears      school years in which the person is EXEMPT
   * @param completedModules module codes the person has completed
   * @param enrolled         the classes the person is already in
   */
  public record Person(long id, String login, Set<Role> roles, Long clusterId, Set<SchoolYear> exemptYears,
                       Set<String> completedModules, List<Enrolled> enrolled) {
  }

  /** A class a person is already in: its module, the school year it starts in, its name. */
  public record Enrolled(String moduleCode, SchoolYear year, String cohortName) {
  }

  public record PlannedEnrollment(int row, long accountId, EnrollmentKind kind, Long clusterId, Long coreTeacherId) {
  }

  public record PlannedCohort(String name, long courseId, LocalDate start, ScheduleTemplate template, long lecturerId,
                              List<Long> assistantIds, List<PlannedEnrollment> learners) {
  }

  /** A module the learner completed before BDTX, as the file says: recorded when the run is written. */
  public record PriorCompletion(int row, long accountId, String moduleCode) {
  }

  public record Validation(String moduleCode, List<PlannedCohort> cohorts, List<PriorCompletion> priorCompletions,
                           List<RowProblem<RunColumn, RunProblem>> problems, int rowsRead, List<Headers.Ignored> ignored) {
    public boolean ok() {
      return problems.isEmpty();
    }

    public int learners() {
      return cohorts.stream().mapToInt(c -> c.learners().size()).sum();
    }
  }

  /** How a run file is read: its columns, and its problems (the kernel's included). */
  public static final ImportFormat<RunColumn, RunProblem> FORMAT = ImportFormat.of(RunColumn.class, RunProblem.class);

  private RunImport() {
  }

  public static Validation validate(List<String> header, Iterator<List<String>> rows, Directory directory,
                                    LocalDate today, int maxRows) {
    var state = new State(directory, today);
    Reading<RunColumn, RunProblem> reading = FORMAT.read(header, rows, maxRows, state::row);
    if (!reading.ok()) {
      return new Validation(state.module == null ? "" : state.module, List.of(), List.of(), reading.problems(),
          reading.rowsRead(), reading.ignored());
    }
    return new Validation(state.module, state.plan(), List.copyOf(state.prior.values()), List.of(), reading.rowsRead(),
        reading.ignored());
  }

  /** What the rows of one class must agree on, with the row that said it first. */
  private record ClassHead(int row, long courseId, LocalDate start, ScheduleTemplate template, long lecturerId,
                           List<Long> assistantIds) {
  }

  private static final class ClassBuild {
    final String name;
    final ClassHead head;
    final List<PlannedEnrollment> learners = new ArrayList<>();
    final Map<Long, Integer> learnerRows = new HashMap<>();
    /** Cluster (or null) → core teacher and the row that named them. */
    final Map<Optional<Long>, long[]> coreTeachers = new HashMap<>();

    ClassBuild(String name, ClassHead head) {
      this.name = name;
      this.head = head;
    }
  }

  private static final class State {
    final Directory directory;
    final LocalDate today;
    final Map<String, ClassBuild> classes = new LinkedHashMap<>();
    final Map<String, Optional<Person>> people = new HashMap<>();
    final Map<Long, Integer> mainRows = new HashMap<>();
    final Map<String, PriorCompletion> prior = new LinkedHashMap<>();
    String module;
    int moduleRow;

    State(Directory directory, LocalDate today) {
      this.directory = directory;
      this.today = today;
    }

    void row(ImportRow<RunColumn, RunProblem> r) {
      int row = r.number();
      String name = r.requiredText(RunColumn.COHORT);
      if (name != null && name.length() > MAX_NAME) {
        r.fail(RunColumn.COHORT, RunProblem.TOO_LONG);
      }
      String moduleCode = r.requiredText(RunColumn.MODULE);
      if (moduleCode != null) {
        moduleCode = moduleCode.toUpperCase(Locale.ROOT).replace(' ', '-');
        if (module == null) {
          module = moduleCode;
          moduleRow = row;
        } else if (!module.equals(moduleCode)) {
          r.clash(RunColumn.MODULE, RunProblem.OTHER_MODULE, moduleRow);
        }
      }
      String rawLevel = r.requiredText(RunColumn.LEVEL);
      CourseLevel level = rawLevel == null ? null
          : CourseLevel.parse(rawLevel).orElseGet(() -> r.fail(RunColumn.LEVEL, RunProblem.BAD_LEVEL));
      String subject = r.requiredText(RunColumn.SUBJECT);
      CourseRef course = null;
      if (moduleCode != null && level != null && subject != null) {
        course = directory.course(moduleCode, level, subject).orElse(null);
        if (course == null) {
          r.failNaming(RunColumn.SUBJECT, RunProblem.UNKNOWN_COURSE, moduleCode + " · " + rawLevel + " · " + subject);
        } else if (!course.published()) {
          r.fail(RunColumn.SUBJECT, RunProblem.COURSE_NOT_PUBLISHED);
        }
      }
      String rawStart = r.requiredText(RunColumn.START);
      LocalDate start = rawStart == null ? null : Dates.parse(rawStart)
          .filter(d -> !d.isBefore(today.minusYears(1)) && !d.isAfter(today.plusYears(1)))
          .orElseGet(() -> r.fail(RunColumn.START, RunProblem.BAD_DATE));
      String rawTemplate = r.text(RunColumn.TEMPLATE);
      ScheduleTemplate template = rawTemplate == null ? ScheduleTemplate.DEFAULT : ScheduleTemplate.parse(rawTemplate)
          .orElseGet(() -> r.fail(RunColumn.TEMPLATE, RunProblem.BAD_TEMPLATE));

      Person lecturer = person(r, RunColumn.LECTURER, r.requiredText(RunColumn.LECTURER),
          Role.LECTURER, RunProblem.NOT_A_LECTURER);
      List<Long> assistants = new ArrayList<>();
      String rawAssistants = r.text(RunColumn.ASSISTANTS);
      if (rawAssistants != null) {
        for (String a : rawAssistants.split("[,;]")) {
          if (!a.isBlank()) {
            Person p = person(r, RunColumn.ASSISTANTS, a.strip(), Role.ASSISTANT, RunProblem.NOT_AN_ASSISTANT);
            if (p != null && !assistants.contains(p.id())) {
              assistants.add(p.id());
            }
          }
        }
      }
      Person learner = person(r, RunColumn.LEARNER, r.requiredText(RunColumn.LEARNER),
          Role.LEARNER, RunProblem.NOT_A_LEARNER);
      String rawKind = r.text(RunColumn.KIND);
      EnrollmentKind kind = rawKind == null ? EnrollmentKind.MAIN
          : kind(rawKind).orElseGet(() -> r.fail(RunColumn.KIND, RunProblem.BAD_KIND));
      String rawCore = r.text(RunColumn.CORE_TEACHER);
      Person core = rawCore == null ? null
          : person(r, RunColumn.CORE_TEACHER, rawCore, Role.CORE_TEACHER, RunProblem.NOT_A_CORE_TEACHER);

      Set<String> earlier = new TreeSet<>();
      String rawCompleted = r.text(RunColumn.COMPLETED);
      if (rawCompleted != null) {
        for (String code : rawCompleted.split("[,;]")) {
          String c = code.strip().toUpperCase(Locale.ROOT);
          if (c.matches("(GV|CBQL)-\\d{1,2}")) {
            earlier.add(c);
          } else if (!c.isEmpty()) {
            r.failNaming(RunColumn.COMPLETED, RunProblem.BAD_MODULE_CODE, code.strip());
          }
        }
      }
      if (learner != null && start != null) {
        if (learner.exemptYears().contains(SchoolYear.of(start))) {
          r.fail(RunColumn.LEARNER, RunProblem.EXEMPT);
        }
        if (moduleCode != null) {
          String module_ = moduleCode;
          learner.enrolled().stream()
              .filter(x -> x.moduleCode().equals(module_) && x.year().equals(SchoolYear.of(start))).findFirst()
              .ifPresent(x -> r.failNaming(RunColumn.LEARNER, RunProblem.ALREADY_ENROLLED, x.cohortName()));
          for (String pre : new TreeSet<>(directory.prerequisites(moduleCode))) {
            if (!learner.completedModules().contains(pre) && !earlier.contains(pre)) {
              r.failNaming(RunColumn.LEARNER, RunProblem.PREREQUISITE_MISSING, pre);
            }
          }
        }
      }
      if (!r.clean()) {
        return;
      }
      var head = new ClassHead(row, course.id(), start, template, lecturer.id(), List.copyOf(assistants));
      ClassBuild build = classes.computeIfAbsent(Folding.key(name), k -> new ClassBuild(name, head));
      if (!sameClass(build.head, head)) {
        r.clash(RunColumn.COHORT, RunProblem.CLASS_DIFFERS, build.head.row());
        return;
      }
      Integer first = build.learnerRows.putIfAbsent(learner.id(), row);
      if (first != null) {
        r.clash(RunColumn.LEARNER, RunProblem.DUPLICATE_LEARNER, first);
        return;
      }
      if (kind == EnrollmentKind.MAIN) {
        Integer main = mainRows.putIfAbsent(learner.id(), row);
        if (main != null) {
          r.clash(RunColumn.KIND, RunProblem.TWO_MAIN, main, r.text(RunColumn.LEARNER));
          return;
        }
      }
      Optional<Long> cluster = Optional.ofNullable(learner.clusterId());
      if (core != null) {
        long[] named = build.coreTeachers.putIfAbsent(cluster, new long[] {core.id(), row});
        if (named != null && named[0] != core.id()) {
          r.clash(RunColumn.CORE_TEACHER, RunProblem.CORE_TEACHER_DIFFERS, (int) named[1]);
          return;
        }
      }
      build.learners.add(new PlannedEnrollment(row, learner.id(), kind, learner.clusterId(), null));
      for (String code : earlier) {
        if (!learner.completedModules().contains(code)) {
          prior.putIfAbsent(learner.id() + ":" + code, new PriorCompletion(row, learner.id(), code));
        }
      }
    }

    List<PlannedCohort> plan() {
      var cohorts = new ArrayList<PlannedCohort>();
      for (ClassBuild b : classes.values()) {
        var learners = b.learners.stream().map(e -> {
          long[] core = b.coreTeachers.get(Optional.ofNullable(e.clusterId()));
          return new PlannedEnrollment(e.row(), e.accountId(), e.kind(), e.clusterId(), core == null ? null : core[0]);
        }).toList();
        cohorts.add(new PlannedCohort(b.name, b.head.courseId(), b.head.start(), b.head.template(), b.head.lecturerId(),
            b.head.assistantIds(), learners));
      }
      return cohorts;
    }

    private static boolean sameClass(ClassHead a, ClassHead b) {
      return a.courseId() == b.courseId() && a.start().equals(b.start()) && a.template().equals(b.template())
          && a.lecturerId() == b.lecturerId() && Objects.equals(Set.copyOf(a.assistantIds()), Set.copyOf(b.assistantIds()));
    }

    private Person person(ImportRow<RunColumn, RunProblem> r, RunColumn column, String login, Role role,
                          RunProblem notInRole) {
      if (login == null) {
        return null;
      }
      Optional<Person> p = people.computeIfAbsent(login.toLowerCase(Locale.ROOT), k -> directory.person(login));
      if (p.isEmpty()) {
        return r.failNaming(column, RunProblem.UNKNOWN_PERSON, login);
      }
      if (!p.get().roles().contains(role)) {
        return r.failNaming(column, notInRole, login);
      }
      return p.get();
    }

    private static Optional<EnrollmentKind> kind(String raw) {
      String k = Folding.key(raw);
      if (k.equals(Folding.key("chính")) || k.equals("main") || k.equals(Folding.key("môn chính"))) {
        return Optional.of(EnrollmentKind.MAIN);
      }
      if (k.equals(Folding.key("tham khảo")) || k.equals("reference") || k.equals(Folding.key("kiêm nhiệm"))
          || k.equals(Folding.key("môn tham khảo"))) {
        return Optional.of(EnrollmentKind.REFERENCE);
      }
      return Optional.empty();
    }
  }
}
