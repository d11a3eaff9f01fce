package vn.bdtx.reporting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.SchoolYear;
import vn.bdtx.domain.reporting.BehindToday;
import vn.bdtx.domain.reporting.ScoreDistribution;
import vn.bdtx.domain.reporting.Tally;
import vn.bdtx.domain.reporting.Targets;
import vn.bdtx.reporting.ReportQueries.Below;
import vn.bdtx.reporting.ReportQueries.Period;
import vn.bdtx.reporting.ReportQueries.Unit;

/**
 * Builds the dashboards' pages (and the tables their exports write) from
 * {@link ReportQueries}: a level's numbers, its rows below sorted worst first,
 * its pictures, and, while classes run, who is behind today.
 */
@Service
public class ReportPages {

  static final Targets TARGETS = Targets.DEFAULT;
  /** Bars drawn at most (the worst ones); the table beside them lists all. */
  static final int MAX_BARS = 25;
  static final java.time.ZoneId VIETNAM = vn.bdtx.platform.web.VietnameseFormats.ZONE;

  private final ReportQueries queries;
  private final ReportTables tables;
  private final Clock clock;

  ReportPages(ReportQueries queries, ReportTables tables, Clock clock) {
    this.queries = queries;
    this.tables = tables;
    this.clock = clock;
  }

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), VIETNAM);
  }

  // ---------------------------------------------------------------- period

  /** The period asked for, as chosen: a run (and its year), or a year (default: today's school year). */
  public record Chosen(Period period, String year, List<ReportQueries.Run> runs, List<String> years) {

    public ReportQueries.Run run() {
      return period.runId() == null ? null
          : runs.stream().filter(r -> r.id() == period.runId()).findFirst().orElse(null);
    }

    /** The query string that keeps this period on a link. */
    public String query() {
      return period.runId() != null ? "?run=" + period.runId() : "?year=" + year;
    }
  }

  Mono<Chosen> period(Long run, String year) {
    String fallback = SchoolYear.of(today()).toString();
    Mono<Period> p;
    Mono<String> y;
    if (run != null) {
      y = queries.yearOfRun(run).defaultIfEmpty(fallback);
      p = Mono.just(Period.run(run));
    } else {
      String chosen = SchoolYear.parse(year).map(SchoolYear::toString).orElse(fallback);
      y = Mono.just(chosen);
      p = Mono.just(Period.year(chosen));
    }
    return Mono.zip(p, y).flatMap(t -> Mono.zip(queries.runs(t.getT2()).collectList(), queries.years().collectList())
        .map(l -> {
          var years = new ArrayList<>(l.getT2());
          if (!years.contains(t.getT2())) {
            years.add(0, t.getT2());
          }
          return new Chosen(t.getT1(), t.getT2(), l.getT1(), years);
        }));
  }

  // ---------------------------------------------------------------- levels

  /** A link in the trail above a page. */
  public record Crumb(String name, String href) {
  }

  /** A learner behind today, with what the reminder would say. */
  public record Behind(long enrollmentId, long accountId, String name, String cohortName, long cohortId,
                BehindToday.Reason reason) {
  }

  /** A level's page: a unit's, the caller's top, or a core teacher's groups. */
  public record LevelPage(Unit unit, String heading, String belowKey, List<Crumb> trail, Chosen chosen, Tally total,
                   ReportTable below, ReportTable runs, ReportTable funnel, ReportTable scores, String barsSvg,
                   String funnelSvg, String scoresSvg, ReportTable people, List<Behind> behind, boolean inProgress,
                   String exportBase) {
  }

  /** The page of a unit in scope (province, district or school). */
  Mono<LevelPage> unit(Unit unit, Chosen chosen, ReportScope scope, Locale locale) {
    var where = ReportQueries.unitWhere(unit);
    Below below = ReportQueries.below(unit);
    LocalDate today = today();
    Mono<List<ReportQueries.Row>> people = unit.isSchool()
        ? queries.rows(where.getKey(), where.getValue(), chosen.period(), scope, "p.full_name, e.account_id, c.start_date")
            .collectList()
        : Mono.just(List.of());
    var ids = new ArrayList<Long>();
    if (unit.provinceId() != null && !unit.isProvince()) {
      ids.add(unit.provinceId());
    }
    if (unit.districtId() != null && !unit.isDistrict()) {
      ids.add(unit.districtId());
    }
    Mono<List<Crumb>> trail = queries.units(ids).collectMap(Unit::id).map(found -> {
      var crumbs = new ArrayList<Crumb>();
      for (Long id : ids) {
        Unit u = found.get(id);
        if (u != null) {
          crumbs.add(new Crumb(u.name(), u.reachedBy(scope) ? "/reports/units/" + u.id() + chosen.query() : null));
        }
      }
      return crumbs;
    });
    return Mono.zip(queries.level(where.getKey(), where.getValue(), below, chosen.period(), scope, today), people, trail)
        .flatMap(t -> page(unit, unit.name(), belowKey(below), t.getT3(), chosen, t.getT1(), below, scope, t.getT2(),
            today, locale, "/reports/units/" + unit.id()));
  }

  /** The caller's top over several units of theirs, grouped at the highest level they hold. */
  Mono<LevelPage> top(Below below, Chosen chosen, ReportScope scope, String heading, Locale locale) {
    LocalDate today = today();
    return queries.level("TRUE", Map.of(), below, chosen.period(), scope, today)
        .flatMap(level -> page(null, heading, belowKey(below), List.of(), chosen, level, below, scope, List.of(), today,
            locale, "/reports"));
  }

  /** A core teacher's groups: their classes, counting their learners only. */
  Mono<LevelPage> groups(long coreTeacher, Chosen chosen, ReportScope scope, String heading, Locale locale) {
    LocalDate today = today();
    var mine = new ReportScope(false, java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), coreTeacher);
    var where = "e.core_teacher_id = :me";
    var binds = Map.<String, Object>of("me", coreTeacher);
    // A core teacher's learners are a few dozen: listed on the page, with who is behind today and a reminder for each.
    return Mono.zip(queries.level(where, binds, Below.COHORTS, chosen.period(), mine, today),
            queries.rows(where, binds, chosen.period(), mine, "p.full_name, e.account_id, c.start_date").collectList())
        .flatMap(t -> page(null, heading, GROUPS, List.of(), chosen, t.getT1(), Below.COHORTS, mine, t.getT2(), today,
            locale, "/reports"));
  }

  /** What the core teacher's page lists below its total: the groups of their classes. */
  public static final String GROUPS = "groups";

  /**
   * The name of what a level page lists below its total, for {@code reporting.below.<key>} and
   * {@code reporting.chart.completion.desc.<key>}: each {@link Below} has one, and {@link #GROUPS} (MessagesTest).
   */
  public static String belowKey(Below below) {
    return switch (below) {
      case DISTRICTS_AND_SCHOOLS -> "districts";
      case SCHOOLS -> "schools";
      case DISTRICTS -> "districts";
      case PROVINCES -> "provinces";
      case COHORTS -> "cohorts";
    };
  }

  private Mono<LevelPage> page(Unit unit, String heading, String belowKey, List<Crumb> trail, Chosen chosen,
                               ReportQueries.Level level, Below below, ReportScope scope, List<ReportQueries.Row> people,
                               LocalDate today, Locale locale, String exportBase) {
    var texts = tables.in(locale);
    var childIds = level.children().stream().map(ReportQueries.Child::id).filter(java.util.Objects::nonNull).toList();
    Mono<Map<Long, Object>> names = below == Below.COHORTS
        ? queries.cohorts(childIds).collectMap(ReportQueries.Cohort::id, c -> (Object) c)
        : queries.units(childIds).collectMap(Unit::id, u -> (Object) u);
    return names.map(found -> {
      String q = chosen.query();
      String narrow = unit != null && unit.isSchool() ? "&unit=" + unit.id() : "";
      var labelled = new ArrayList<ReportTables.Labelled>();
      for (var child : level.children()) {
        Object o = child.id() == null ? null : found.get(child.id());
        if (o instanceof ReportQueries.Cohort c) {
          labelled.add(new ReportTables.Labelled(c.name(), "/reports/cohorts/" + c.id() + q + narrow, c.moduleCode(),
              c.start(), child.tally()));
        } else if (o instanceof Unit u) {
          labelled.add(new ReportTables.Labelled(u.name(), u.reachedBy(scope) ? "/reports/units/" + u.id() + q : null,
              null, null, child.tally()));
        } else {
          labelled.add(new ReportTables.Labelled(texts.t("reporting.unplaced"), null, null, null, child.tally()));
        }
      }
      Tally total = level.total();
      ReportTable belowTable = texts.tallies("below", below == Below.COHORTS ? "cohort" : "unit", labelled, TARGETS,
          below == Below.COHORTS);
      var runRows = new ArrayList<ReportTables.Labelled>();
      for (var run : chosen.runs()) {
        Tally t = level.runs().get(run.id());
        if (t != null) {
          runRows.add(new ReportTables.Labelled(run.name(), null, null, run.start(), t));
        }
      }
      ReportTable runs = chosen.period().runId() == null
          ? texts.tallies("runs", "run", runRows, TARGETS, false) : null;
      ReportTable funnel = texts.funnel(total);
      ReportTable scores = texts.scores(level.scores());
      var behind = behindList(people, today);
      boolean inProgress = chosen.runs().stream().anyMatch(r -> !today.isBefore(r.start()) && !today.isAfter(r.end()))
          || total.behindToday() > 0;
      ReportTable peopleTable = people.isEmpty() ? null
          : texts.people("people", people, today, r -> "/reports/people/" + r.accountId() + q);
      return new LevelPage(unit, heading, belowKey, trail, chosen, total, belowTable, runs, funnel, scores,
          barsSvg(texts, belowTable, belowKey), funnelSvg(texts, total, "funnel"), scoresSvg(texts, level.scores(), "scores"),
          peopleTable, behind, inProgress, exportBase);
    });
  }

  // ---------------------------------------------------------------- a class

  public record CohortPage(ReportQueries.Cohort cohort, Unit narrowedTo, List<Crumb> trail, Tally total, ReportTable funnel,
                    ReportTable scores, ReportTable people, String funnelSvg, String scoresSvg, List<Behind> behind,
                    boolean inProgress, long day, String exportBase) {
  }

  /** A class's learners in the caller's scope (and in {@code narrow}, a unit of theirs, when given). */
  Mono<CohortPage> cohort(ReportQueries.Cohort cohort, Unit narrow, ReportScope scope, Locale locale) {
    LocalDate today = today();
    var texts = tables.in(locale);
    return cohortRows(cohort.id(), narrow, scope).collectList().map(rows -> {
      Tally total = Tally.of(rows.stream().map(r -> r.standing(today)).toList());
      var grades = new HashMap<BigDecimal, Long>();
      rows.stream().filter(r -> r.finalGrade() != null).forEach(r -> grades.merge(r.finalGrade(), 1L, Long::sum));
      var d = ScoreDistribution.of(grades);
      var trail = new ArrayList<Crumb>();
      if (narrow != null) {
        trail.add(new Crumb(narrow.name(), "/reports/units/" + narrow.id() + "?year=" + cohort.schoolYear()));
      }
      var sorted = new ArrayList<>(rows);
      sorted.sort(java.util.Comparator.comparing((ReportQueries.Row r) -> r.behind(today).isEmpty())
          .thenComparing(ReportQueries.Row::fullName));
      return new CohortPage(cohort, narrow, trail, total, texts.funnel(total), texts.scores(d),
          texts.classPeople("people", sorted, today, r -> "/reports/people/" + r.accountId()),
          funnelSvg(texts, total, "funnel"), scoresSvg(texts, d, "scores"), behindList(rows, today),
          !today.isBefore(cohort.start()) && rows.stream().anyMatch(r -> !today.isAfter(r.deadline())),
          BehindToday.dayOf(cohort.start(), today),
          "/reports/cohorts/" + cohort.id());
    });
  }

  reactor.core.publisher.Flux<ReportQueries.Row> cohortRows(long cohortId, Unit narrow, ReportScope scope) {
    String where = "e.cohort_id = :cohort";
    Map<String, Object> binds = new LinkedHashMap<>();
    binds.put("cohort", cohortId);
    if (narrow != null) {
      var w = ReportQueries.unitWhere(narrow);
      where += " AND " + w.getKey();
      binds.putAll(w.getValue());
    }
    return queries.rows(where, binds, null, scope, "p.full_name, e.account_id");
  }

  static List<Behind> behindList(List<ReportQueries.Row> rows, LocalDate today) {
    var list = new ArrayList<Behind>();
    for (var r : rows) {
      r.behind(today).ifPresent(reason -> list.add(new Behind(r.enrollmentId(), r.accountId(), r.fullName(),
          r.cohortName(), r.cohortId(), reason)));
    }
    return list;
  }

  // ---------------------------------------------------------------- a person

  /** A school year of a teacher's: modules and periods completed (MAIN enrollments only earn them). */
  public record YearLine(String year, long modules, long periods) {
  }

  public record PersonPage(ReportQueries.Person person, String name, ReportTable history, List<YearLine> years,
                    String exportBase) {
  }

  Mono<PersonPage> person(ReportQueries.Person person, long accountId, List<ReportQueries.Row> rows, Locale locale) {
    var texts = tables.in(locale);
    var years = rows.stream().collect(Collectors.groupingBy(ReportQueries.Row::schoolYear, java.util.TreeMap::new,
        Collectors.toList()));
    var yearLines = new ArrayList<YearLine>();
    years.descendingMap().forEach((y, list) -> {
      var done = list.stream().filter(r -> r.main() && r.completed()).toList();
      yearLines.add(new YearLine(y, done.stream().map(ReportQueries.Row::moduleCode).distinct().count(),
          done.stream().mapToLong(ReportQueries.Row::periods).sum()));
    });
    String name = person != null ? person.fullName() : rows.isEmpty() ? "" : rows.get(0).fullName();
    return Mono.just(new PersonPage(person, name, texts.history(rows, r -> null),
        yearLines, "/reports/people/" + accountId));
  }

  // ---------------------------------------------------------------- pictures

  private String barsSvg(ReportTables.Texts texts, ReportTable below, String belowKey) {
    var bars = new ArrayList<Charts.Bar>();
    for (var line : below.lines()) {
      if (bars.size() >= MAX_BARS) {
        break;
      }
      BigDecimal fraction = (BigDecimal) line.cells().get(below.columns().size() - 6);
      BigDecimal pct = fraction == null ? null : fraction.movePointRight(2);
      bars.add(new Charts.Bar(String.valueOf(line.cells().get(0)), pct,
          pct == null ? "—" : pct.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString().replace('.', ',') + "%",
          "ok".equals(line.mark())));
    }
    String more = below.lines().size() > MAX_BARS ? " " + texts.t("reporting.chart.more", MAX_BARS) : "";
    return Charts.bars("chart-completion", texts.t("reporting.chart.completion", TARGETS.completionPercent()),
        texts.t("reporting.chart.completion.desc." + belowKey, TARGETS.completionPercent()) + more, bars,
        TARGETS.completionPercent(), TARGETS.completionPercent() + "%");
  }

  private String funnelSvg(ReportTables.Texts texts, Tally total, String id) {
    var steps = total.funnel().stream()
        .map(s -> new Charts.Step(texts.t("reporting.step." + s.step().name()), s.count())).toList();
    return Charts.funnel("chart-" + id, texts.t("reporting.chart.funnel"), texts.t("reporting.chart.funnel.desc"), steps);
  }

  private String scoresSvg(ReportTables.Texts texts, ScoreDistribution d, String id) {
    var cols = d.bins().stream().map(b -> new Charts.Column(b.to() == 10 ? b.from() + "–10" : String.valueOf(b.from()),
        b.count(), b.passing(new BigDecimal("5.0")))).toList();
    return Charts.histogram("chart-" + id, texts.t("reporting.chart.scores"),
        texts.t("reporting.chart.scores.desc", d.total()), cols, 5, "5,0");
  }
}
