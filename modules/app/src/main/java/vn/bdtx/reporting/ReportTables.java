package vn.bdtx.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import vn.bdtx.domain.reporting.ScoreDistribution;
import vn.bdtx.domain.reporting.Tally;
import vn.bdtx.domain.reporting.Targets;
import vn.bdtx.platform.spreadsheet.TableExport;
import vn.bdtx.platform.spreadsheet.TableExport.Column;

/**
 * The dashboards' tables, built once for the page and for its export (same
 * columns, same values), with every header and word from the message bundles.
 */
@Component
class ReportTables {

  static final ZoneId VIETNAM = vn.bdtx.platform.web.VietnameseFormats.ZONE;

  private final MessageSource messages;

  ReportTables(MessageSource messages) {
    this.messages = messages;
  }

  /** The texts of one request's language. */
  Texts in(Locale locale) {
    return new Texts(locale);
  }

  /** A labelled tally (a unit, class or run) for {@link Texts#tallies}. */
  public record Labelled(String name, String href, String moduleCode, LocalDate start, Tally tally) {
  }

  final class Texts {
    private final Locale locale;

    Texts(Locale locale) {
      this.locale = locale;
    }

    String t(String key, Object... args) {
      return messages.getMessage(key, args, key, locale);
    }

    private Column col(String key, TableExport.Type type, Object... args) {
      return new Column(t("reporting.col." + key, args), type);
    }

    /**
     * Units, classes or runs with their counts, worst first. {@code first} names
     * the first column (unit, cohort, run, group); classes also show their module and start.
     */
    ReportTable tallies(String id, String first, List<Labelled> rows, Targets targets, boolean classes) {
      var cols = new ArrayList<Column>();
      cols.add(col(first, TableExport.Type.TEXT));
      if (classes) {
        cols.add(col("module", TableExport.Type.TEXT));
        cols.add(col("classStart", TableExport.Type.DATE));
      }
      cols.add(col("enrolledMain", TableExport.Type.INTEGER));
      cols.add(col("enrolledReference", TableExport.Type.INTEGER));
      cols.add(col("started", TableExport.Type.INTEGER));
      cols.add(col("selfStudy", TableExport.Type.INTEGER));
      cols.add(col("submitted", TableExport.Type.INTEGER));
      cols.add(col("graded", TableExport.Type.INTEGER));
      cols.add(col("completed", TableExport.Type.INTEGER));
      cols.add(col("rate", TableExport.Type.PERCENT));
      cols.add(col("gap", TableExport.Type.DECIMAL, targets.completionPercent()));
      cols.add(col("positivity", TableExport.Type.PERCENT));
      cols.add(col("exempt", TableExport.Type.INTEGER));
      cols.add(col("reduced", TableExport.Type.INTEGER));
      cols.add(col("behind", TableExport.Type.INTEGER));
      var sorted = new ArrayList<>(rows);
      sorted.sort(Tally.worstFirst(Labelled::tally, targets));
      var lines = new ArrayList<ReportTable.Line>();
      for (Labelled l : sorted) {
        Tally t = l.tally();
        var cells = new ArrayList<Object>();
        cells.add(l.name());
        if (classes) {
          cells.add(l.moduleCode());
          cells.add(l.start());
        }
        cells.add(t.enrolledMain());
        cells.add(t.enrolledReference());
        cells.add(t.started());
        cells.add(t.selfStudyDone());
        cells.add(t.submitted());
        cells.add(t.graded());
        cells.add(t.completed());
        cells.add(t.completion().fraction().orElse(null));
        cells.add(t.completionGap(targets).orElse(null));
        cells.add(t.positivity().fraction().orElse(null));
        cells.add(t.exempt());
        cells.add(t.reduced());
        cells.add(t.behindToday());
        String mark = !t.completion().defined() ? "none" : t.completion().reaches(targets.completion()) ? "ok" : "behind";
        lines.add(new ReportTable.Line(l.href(), mark, cells));
      }
      return new ReportTable(id, cols, lines);
    }

    /** The 15-day funnel as a table: each step, how many reached it, and their share of the first. */
    ReportTable funnel(Tally tally) {
      var cols = List.of(col("step", TableExport.Type.TEXT), col("people", TableExport.Type.INTEGER),
          col("share", TableExport.Type.PERCENT));
      long first = Math.max(0, tally.counted());
      var lines = new ArrayList<ReportTable.Line>();
      for (Tally.Stage s : tally.funnel()) {
        Object share = first == 0 ? null : BigDecimal.valueOf(s.count()).divide(BigDecimal.valueOf(first), 4,
            java.math.RoundingMode.HALF_UP);
        lines.add(new ReportTable.Line(null, null, java.util.Arrays.asList(t("reporting.step." + s.step().name()),
            s.count(), share)));
      }
      return new ReportTable("funnel", cols, lines);
    }

    /** The final grades' bins. */
    ReportTable scores(ScoreDistribution d) {
      var cols = List.of(col("scoreBin", TableExport.Type.TEXT), col("count", TableExport.Type.INTEGER));
      var lines = new ArrayList<ReportTable.Line>();
      for (ScoreDistribution.Bin b : d.bins()) {
        lines.add(new ReportTable.Line(null, null, List.of(binLabel(b), b.count())));
      }
      return new ReportTable("scores", cols, lines);
    }

    String binLabel(ScoreDistribution.Bin b) {
      return b.to() == 10 ? t("reporting.bin.last", b.from(), b.to()) : t("reporting.bin", b.from(), b.to());
    }

    /** Learners (one row per enrollment), as a school, a class or an export lists them. */
    List<Column> peopleColumns() {
      return List.of(col("name", TableExport.Type.TEXT), col("username", TableExport.Type.TEXT),
          col("school", TableExport.Type.TEXT), col("cohort", TableExport.Type.TEXT), col("module", TableExport.Type.TEXT),
          col("kind", TableExport.Type.TEXT), col("classStart", TableExport.Type.DATE),
          col("deadline", TableExport.Type.DATE), col("progress", TableExport.Type.TEXT),
          col("selfStudy", TableExport.Type.TEXT), col("submitted", TableExport.Type.TEXT),
          col("grade", TableExport.Type.DECIMAL), col("outcome", TableExport.Type.TEXT),
          col("exemption", TableExport.Type.TEXT), col("behindWhy", TableExport.Type.TEXT),
          col("certificate", TableExport.Type.TEXT));
    }

    List<Object> personCells(ReportQueries.Row r, LocalDate today) {
      var cells = new ArrayList<Object>();
      cells.add(r.fullName());
      cells.add(r.username());
      cells.add(r.schoolName());
      cells.add(r.cohortName());
      cells.add(r.moduleCode());
      cells.add(t("reporting.kind." + (r.main() ? "MAIN" : "REFERENCE")));
      cells.add(r.classStart());
      cells.add(r.deadline());
      cells.add(r.itemsTotal() == 0 ? (r.started() ? t("reporting.yes") : t("reporting.no"))
          : r.itemsDone() + "/" + r.itemsTotal());
      cells.add(yesNo(r.selfStudyDone()));
      cells.add(yesNo(r.submitted()));
      cells.add(r.finalGrade());
      cells.add(outcome(r));
      cells.add(r.exemption() == null ? null : t("reporting.exemption." + r.exemption()));
      cells.add(r.behind(today).map(b -> t("reporting.behind." + b.name())).orElse(null));
      cells.add(certificate(r));
      return cells;
    }

    ReportTable people(String id, List<ReportQueries.Row> rows, LocalDate today, Function<ReportQueries.Row, String> href) {
      var lines = new ArrayList<ReportTable.Line>();
      for (var r : rows) {
        lines.add(new ReportTable.Line(href.apply(r), r.behind(today).isPresent() ? "behind" : null, personCells(r, today)));
      }
      return new ReportTable(id, peopleColumns(), lines);
    }

    /** A class's learners: the people table with each one's attendance at their group's professional meeting. */
    ReportTable classPeople(String id, List<ReportQueries.Row> rows, LocalDate today, Function<ReportQueries.Row, String> href) {
      var columns = new ArrayList<>(peopleColumns());
      columns.add(col("meeting", TableExport.Type.TEXT));
      var lines = new ArrayList<ReportTable.Line>();
      for (var r : rows) {
        var cells = personCells(r, today);
        cells.add(r.meetingAttended() == null ? t("reporting.meeting.none")
            : r.meetingAttended() ? t("reporting.meeting.present") : t("reporting.meeting.absent"));
        lines.add(new ReportTable.Line(href.apply(r), r.behind(today).isPresent() ? "behind" : null, cells));
      }
      return new ReportTable(id, List.copyOf(columns), lines);
    }

    /** A teacher's history: every enrollment across years. */
    List<Column> historyColumns() {
      return List.of(col("year", TableExport.Type.TEXT), col("module", TableExport.Type.TEXT),
          col("moduleTitle", TableExport.Type.TEXT), col("cohort", TableExport.Type.TEXT),
          col("kind", TableExport.Type.TEXT), col("classStart", TableExport.Type.DATE),
          col("deadline", TableExport.Type.DATE), col("selfStudy", TableExport.Type.TEXT),
          col("submitted", TableExport.Type.TEXT), col("grade", TableExport.Type.DECIMAL),
          col("institution", TableExport.Type.TEXT), col("outcome", TableExport.Type.TEXT),
          col("periods", TableExport.Type.INTEGER), col("certificate", TableExport.Type.TEXT),
          col("certificateIssued", TableExport.Type.DATE));
    }

    ReportTable history(List<ReportQueries.Row> rows, Function<ReportQueries.Row, String> href) {
      var lines = new ArrayList<ReportTable.Line>();
      for (var r : rows) {
        lines.add(new ReportTable.Line(href.apply(r), r.completed() ? "ok" : null, java.util.Arrays.asList(
            r.schoolYear(), r.moduleCode(), r.moduleTitle(), r.cohortName(),
            t("reporting.kind." + (r.main() ? "MAIN" : "REFERENCE")), r.classStart(), r.deadline(),
            yesNo(r.selfStudyDone()), yesNo(r.submitted()), r.finalGrade(),
            r.institution() == null ? t("reporting.institution.none") : t("reporting.institution." + r.institution()),
            outcome(r), r.completed() && r.main() ? r.periods() : null, certificate(r),
            r.certificateIssuedAt() == null ? null : LocalDate.ofInstant(r.certificateIssuedAt(), VIETNAM))));
      }
      return new ReportTable("history", historyColumns(), lines);
    }

    String yesNo(boolean b) {
      return b ? t("reporting.yes") : t("reporting.no");
    }

    /** The outcome in words; when not completed, which criteria are missing. */
    String outcome(ReportQueries.Row r) {
      if (r.outcome() == null) {
        return t("reporting.outcome.none");
      }
      if (r.completed()) {
        return t("reporting.outcome.COMPLETED");
      }
      var missing = new ArrayList<String>();
      if (!r.selfStudyDone()) {
        missing.add("(i)");
      }
      if (r.finalGrade() == null || r.finalGrade().compareTo(new BigDecimal("5.0")) < 0) {
        missing.add("(ii)");
      }
      if (!"PASSED".equals(r.institution())) {
        missing.add("(iii)");
      }
      return missing.isEmpty() ? t("reporting.outcome.NOT_COMPLETED")
          : t("reporting.outcome.missing", String.join(", ", missing));
    }

    String certificate(ReportQueries.Row r) {
      if (r.certificateNumber() == null) {
        return null;
      }
      return r.certificateRevokedAt() == null ? r.certificateNumber()
          : r.certificateNumber() + " (" + t("reporting.certificate.revoked") + ")";
    }

  }
}
