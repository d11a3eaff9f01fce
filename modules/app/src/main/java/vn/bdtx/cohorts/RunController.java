package vn.bdtx.cohorts;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.cohorts.RunColumn;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.spreadsheet.UploadedFiles;
import vn.bdtx.platform.web.NotFound;

/**
 * /runs: the IT team or a supervisor opens a module run — many classes at once,
 * or a single class — from one spreadsheet, and follows each class's day and
 * phase. Who may: IT_ADMIN and SUPERVISOR (SecurityConfiguration).
 */
@Controller
class RunController {

  static final int SHOWN_PROBLEMS = 200;

  private final RunImporter importer;
  private final Runs runs;
  private final Clock clock;

  RunController(RunImporter importer, Runs runs, Clock clock) {
    this.importer = importer;
    this.runs = runs;
    this.clock = clock;
  }

  @GetMapping("/runs")
  Mono<String> list(Model model) {
    return runs.all().collectList().map(list -> {
      model.addAttribute("runs", list);
      model.addAttribute("columns", Arrays.asList(RunColumn.values()));
      return "cohorts/runs";
    });
  }

  /** The upload form: the file and an optional name for the run. */
  public static class RunForm {
    private FilePart file;
    private String name = "";

    public FilePart getFile() { return file; }
    public void setFile(FilePart v) { this.file = v; }
    public String getName() { return name; }
    public void setName(String v) { this.name = v == null ? "" : v; }
  }

  @PostMapping("/runs/import")
  Mono<String> upload(@AuthenticationPrincipal Caller caller, @ModelAttribute RunForm form, Model model,
                      ServerWebExchange exchange) {
    if (!caller.hasRole(vn.bdtx.domain.accounts.Role.IT_ADMIN) && !caller.hasRole(vn.bdtx.domain.accounts.Role.SUPERVISOR)) {
      return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
    FilePart file = form.getFile();
    String name = form.getName();
    if (file == null || file.filename() == null || file.filename().isBlank()) {
      exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
      model.addAttribute("noFile", true);
      return list(model);
    }
    String runName = name == null ? "" : name.strip();
    return UploadedFiles.withTempFile(file, (tmp, fileName) -> importer.importFile(caller, tmp, runName)
        .flatMap(report -> {
          if (report.ok()) {
            // The run page says how the file was read: its legacy encoding and the columns not read.
            var uri = org.springframework.web.util.UriComponentsBuilder.fromPath("/runs/" + report.runId())
                .queryParam("opened");
            if (report.encoding() != null) {
              uri.queryParam("encoding", report.encoding());
            }
            report.ignored().forEach(c -> uri.queryParam("ignored", c.letter() + "|" + c.header()));
            return Mono.just("redirect:" + uri.encode().build().toUriString());
          }
          exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
          model.addAttribute("report", report);
          model.addAttribute("fileName", fileName);
          model.addAttribute("shown", report.problems().stream().limit(SHOWN_PROBLEMS).toList());
          return list(model);
        }));
  }

  @GetMapping("/runs/{id}")
  Mono<String> run(@PathVariable long id, Model model,
                   @org.springframework.web.bind.annotation.RequestParam(required = false) String encoding,
                   @org.springframework.web.bind.annotation.RequestParam(required = false) List<String> ignored) {
    model.addAttribute("readEncoding", encoding == null || encoding.isBlank() ? null : encoding);
    model.addAttribute("readIgnored", ignored == null ? List.of() : ignored.stream().map(c -> c.split("\\|", 2))
        .filter(p -> p.length == 2).map(p -> new vn.bdtx.domain.imports.Headers.Ignored(p[0], p[1])).toList());
    return runs.find(id).flatMap(run -> runs.cohorts(id).zipWith(runs.meetingAttendanceCounts(id)).map(t -> {
      var cohorts = t.getT1();
      model.addAttribute("attendanceCounts", t.getT2());
      model.addAttribute("run", run);
      model.addAttribute("cohorts", cohorts);
      model.addAttribute("now", clock.instant());
      return "cohorts/run";
    })).as(NotFound::orNotFound);
  }

  /** The run's setting form: whether attendance at the professional meeting counts toward completion. */
  public static class AttendanceForm {
    private boolean counts;

    public boolean isCounts() { return counts; }
    public void setCounts(boolean v) { this.counts = v; }
  }

  /** The IT team or a supervisor (the path's role rule) turns the meeting criterion on or off for the run. */
  @PostMapping("/runs/{id}/meeting-attendance")
  Mono<String> meetingAttendance(@PathVariable long id, @ModelAttribute AttendanceForm form) {
    return runs.setMeetingAttendanceCounts(id, form.isCounts())
        .flatMap(found -> found ? Mono.just("redirect:/runs/" + id + "?attendanceSaved")
            : Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
  }
}
