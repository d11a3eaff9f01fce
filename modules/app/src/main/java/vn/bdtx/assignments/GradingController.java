package vn.bdtx.assignments;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.catalog.ContentAccess;
import vn.bdtx.cohorts.CohortViews;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.assignments.Marking;
import vn.bdtx.domain.assignments.SubmissionRules;
import vn.bdtx.domain.catalog.Rubric;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectStore;
import vn.bdtx.platform.storage.StorageUnavailable;
import vn.bdtx.platform.web.NotFound;
import vn.bdtx.platform.web.StoreRedirect;

/**
 * Grading the final assignment, /cohorts/{id}/grading: the queue of the
 * caller's learners with filters, and one learner's page with the files, the
 * rubric beside them and the marking form. A core teacher sees and grades only
 * their own groups; the cohort's lecturer and supervisors see every group with
 * the score distribution and may re-mark, with a reason. Assistants and the IT
 * team may look, not mark. Anyone else gets 404.
 */
@Controller
class GradingController {

  /** What the caller may do in this cohort's grading. */
  record Rights(CohortViews.Scope scope, boolean moderator, boolean marker) {
    boolean mayGrade(Long groupId) {
      return moderator || (marker && groupId != null && scope.groups().contains(groupId));
    }
  }

  private final CohortViews views;
  private final Submissions submissions;
  private final Grades grades;
  private final ContentAccess content;
  private final ObjectStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final vn.bdtx.cohorts.Cohorts cohorts;

  GradingController(CohortViews views, Submissions submissions, Grades grades, ContentAccess content, ObjectStore store,
                    AuditLog audit, Clock clock, @org.springframework.beans.factory.annotation.Value("${bdtx.paging.grading}") int pageSize,
                    vn.bdtx.cohorts.Cohorts cohorts) {
    this.cohorts = cohorts;
    this.pageSize = pageSize;
    this.views = views;
    this.submissions = submissions;
    this.grades = grades;
    this.content = content;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** Learners on one page of the queue. */
  private final int pageSize;

  private Mono<Rights> rights(Caller caller, long cohortId) {
    return views.scope(caller, cohortId).map(scope -> {
      boolean lecturer = caller.hasRole(Role.LECTURER) && scope.cohort().lecturerId() != null
          && scope.cohort().lecturerId() == caller.accountId();
      boolean moderator = lecturer || caller.hasRole(Role.SUPERVISOR);
      boolean marker = !scope.whole() && caller.hasRole(Role.CORE_TEACHER);
      return new Rights(scope, moderator, marker);
    });
  }

  /** A learner of the queue: who, their group, and where their assignment stands. */
  public record Row(CohortViews.LearnerRow learner, Grades.Standing standing, boolean late) {
    public String status() {
      return standing.status();
    }
  }

  private Mono<List<Row>> rows(Rights rights, Instant now) {
    return views.learners(rights.scope(), now).flatMap(this::rows);
  }

  /** The main-subject learners among {@code learners}, with where their assignment stands, waiting first. */
  private Mono<List<Row>> rows(List<CohortViews.LearnerRow> learners) {
    var main = learners.stream().filter(l -> "MAIN".equals(l.enrollment().kind())).toList();
    return grades.standings(main.stream().map(l -> l.enrollment().id()).toList()).map(standings -> {
      var rows = new ArrayList<Row>();
      for (var l : main) {
        var s = standings.get(l.enrollment().id());
        boolean late = s.submittedAt() != null && !s.submittedAt().isBefore(l.enrollment().schedule().cohort().end());
        rows.add(new Row(l, s, late));
      }
      rows.sort(java.util.Comparator.comparing((Row r) -> order(r.status())).thenComparing(r -> r.learner().fullName()));
      return List.copyOf(rows);
    });
  }

  private static int order(String status) {
    return List.of("WAITING", "RETURNED", "GRADED", "NOT_SUBMITTED").indexOf(status);
  }

  @GetMapping("/cohorts/{id}/grading")
  Mono<String> queue(@AuthenticationPrincipal Caller caller, @PathVariable long id,
                     @RequestParam(required = false) Long group, @RequestParam(required = false) String status,
                     @RequestParam(required = false) Integer page, Model model) {
    Instant now = clock.instant();
    int p = vn.bdtx.platform.web.Paged.page(page);
    return rights(caller, id).flatMap(rights -> Mono.zip(rows(rights, now), views.groups(id), cohorts.regulation(id)).map(t -> {
      var all = t.getT1();
      var shown = all.stream()
          .filter(r -> group == null || group.equals(r.learner().groupId()))
          .filter(r -> status == null || status.isBlank() || (Grades.Standing.LATE.equals(status) ? r.late() : status.equals(r.status())))
          .toList();
      var counts = new LinkedHashMap<String, Long>();
      for (String s : Grades.Standing.STATUSES) {
        counts.put(s, all.stream().filter(r -> r.status().equals(s)).count());
      }
      counts.put(Grades.Standing.LATE, all.stream().filter(Row::late).count());
      var groups = t.getT2().stream().filter(g -> rights.scope().whole() || rights.scope().groups().contains(g.id())).toList();
      model.addAttribute("cohort", rights.scope().cohort());
      // The whole class is read for the counts and the distribution; a page of it is shown (offset paging).
      int from = Math.min(shown.size(), vn.bdtx.platform.web.Paged.offset(p, pageSize));
      var paged = vn.bdtx.platform.web.Paged.of(shown.subList(from, Math.min(shown.size(), from + pageSize + 1)), p, pageSize);
      model.addAttribute("rows", paged.items());
      model.addAttribute("paged", paged);
      model.addAttribute("counts", counts);
      model.addAttribute("groups", groups);
      model.addAttribute("group", group);
      model.addAttribute("status", status == null ? "" : status);
      model.addAttribute("filter", QueueFilter.of(group, status));
      model.addAttribute("distribution", rights.scope().whole() ? Distribution.of(all, groups, t.getT3()) : List.of());
      return "assignments/queue";
    })).as(NotFound::orNotFound);
  }

  /** Score distribution of one group (moderation): graded count, mean, lowest, highest, passed, and how many in each band. */
  public record Distribution(String group, String coreTeacher, int graded, BigDecimal mean, BigDecimal min, BigDecimal max,
                             int passed, int[] bands) {
    static final BigDecimal[] EDGES = {new BigDecimal("5"), new BigDecimal("6.5"), new BigDecimal("8")};

    static List<Distribution> of(List<Row> rows, List<CohortViews.Group> groups, vn.bdtx.domain.completion.Regulation rules) {
      var result = new ArrayList<Distribution>();
      for (var g : groups) {
        var scores = rows.stream().filter(r -> Long.valueOf(g.id()).equals(r.learner().groupId()) && "GRADED".equals(r.status()))
            .map(r -> r.standing().score()).toList();
        int[] bands = new int[4];
        for (BigDecimal s : scores) {
          int b = 0;
          while (b < EDGES.length && s.compareTo(EDGES[b]) >= 0) {
            b++;
          }
          bands[b]++;
        }
        BigDecimal mean = scores.isEmpty() ? null : scores.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
            .divide(BigDecimal.valueOf(scores.size()), 1, java.math.RoundingMode.HALF_UP);
        result.add(new Distribution(g.label(), g.coreTeacherName(), scores.size(), mean,
            scores.stream().min(BigDecimal::compareTo).orElse(null), scores.stream().max(BigDecimal::compareTo).orElse(null),
            (int) scores.stream().filter(rules::passes).count(), bands));
      }
      return result;
    }
  }

  private Mono<Row> row(Rights rights, long enrollmentId, Instant now) {
    return views.learner(rights.scope(), enrollmentId, now)
        .flatMap(l -> rows(List.of(l)))
        .flatMap(rows -> Mono.justOrEmpty(rows.stream().findFirst()));
  }

  /**
   * The queue's filter (group, status) a grader came from: carried through a learner's grading page and its save,
   * so that "back" and the redirect after saving show the same list. An unknown status is dropped.
   */
  public record QueueFilter(Long group, String status) {
    static QueueFilter of(Long group, String status) {
      boolean known = status != null && (Grades.Standing.STATUSES.contains(status) || Grades.Standing.LATE.equals(status));
      return new QueueFilter(group, known ? status : null);
    }

    static QueueFilter of(org.springframework.util.MultiValueMap<String, String> query) {
      Long group = null;
      try {
        String g = query.getFirst("group");
        group = g == null || g.isBlank() ? null : Long.valueOf(g);
      } catch (NumberFormatException e) {
        // not a group: no group filter
      }
      return of(group, query.getFirst("status"));
    }

    /** "&group=…&status=…" for what is set, "" otherwise. */
    String query() {
      return (group == null ? "" : "&group=" + group) + (status == null ? "" : "&status=" + status);
    }

    /** The queue with this filter. */
    public String queue(long cohortId) {
      String q = query();
      return "/cohorts/" + cohortId + "/grading" + (q.isEmpty() ? "" : "?" + q.substring(1));
    }

    /** A learner's grading page (and its form) that leads back to the queue with this filter. */
    public String page(long cohortId, long enrollmentId) {
      String q = query();
      return "/cohorts/" + cohortId + "/grading/" + enrollmentId + (q.isEmpty() ? "" : "?" + q.substring(1));
    }
  }

  @GetMapping("/cohorts/{id}/grading/{enrollmentId}")
  Mono<String> page(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable long enrollmentId,
                    ServerWebExchange exchange, Model model) {
    Instant now = clock.instant();
    model.addAttribute("filter", QueueFilter.of(exchange.getRequest().getQueryParams()));
    return rights(caller, id).flatMap(rights -> row(rights, enrollmentId, now)
        .flatMap(row -> page(rights, row, model, now, null))).as(NotFound::orNotFound);
  }

  private Mono<String> page(Rights rights, Row row, Model model, Instant now, MultiValueMap<String, String> typed) {
    var e = row.learner().enrollment();
    return Mono.zip(submissions.versions(e.id()), grades.current(e.id()).map(java.util.Optional::of)
            .defaultIfEmpty(java.util.Optional.empty()), grades.history(e.id()).collectList(), content.version(e.versionId()),
            cohorts.regulation(e))
        .map(t -> {
          Rubric rubric = Marking.rubricOrWhole(t.getT4().content().assignment().rubric());
          var grade = t.getT2().orElse(null);
          model.addAttribute("passMark", t.getT5().passMark());
          model.addAttribute("cohort", rights.scope().cohort());
          model.addAttribute("row", row);
          model.addAttribute("versions", t.getT1());
          model.addAttribute("grade", grade);
          model.addAttribute("history", t.getT3());
          model.addAttribute("rubric", rubric);
          model.addAttribute("mayGrade", rights.mayGrade(row.learner().groupId()) && !t.getT1().isEmpty());
          model.addAttribute("mayReturn", now.isBefore(e.schedule().deadline()));
          model.addAttribute("deadline", e.schedule().deadline());
          var marks = new ArrayList<String>();
          for (int i = 0; i < rubric.criteria().size(); i++) {
            String v = typed != null ? typed.getFirst("m" + (i + 1))
                : grade != null && grade.graded() && i < grade.marks().size() ? grade.marks().get(i).toPlainString().replace('.', ',') : "";
            marks.add(v == null ? "" : v);
          }
          model.addAttribute("marks", marks);
          model.addAttribute("comment", typed != null ? typed.getFirst("comment") : grade == null ? "" : grade.comment());
          model.addAttribute("reason", typed != null ? typed.getFirst("reason") : "");
          return "assignments/grading";
        });
  }

  /**
   * A decision: {@code action} grade (marks m1…mN) or return (before the
   * deadline, with a comment), on version {@code submission}, with an optional
   * {@code comment}, {@code feedback} file and — when a grade is changed —
   * {@code reason}. Done: 303 back to the queue. Refused: the page again with the
   * reason (422, or 409 when the learner has handed in a newer version), nothing changed.
   */
  @PostMapping("/cohorts/{id}/grading/{enrollmentId}")
  Mono<String> decide(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable long enrollmentId,
                      ServerWebExchange exchange, Model model) {
    Instant now = clock.instant();
    model.addAttribute("filter", QueueFilter.of(exchange.getRequest().getQueryParams()));
    return rights(caller, id).flatMap(rights -> row(rights, enrollmentId, now).flatMap(row -> {
      if (!rights.mayGrade(row.learner().groupId())) {
        return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN));
      }
      return exchange.getMultipartData().flatMap(parts -> {
        var fields = new org.springframework.util.LinkedMultiValueMap<String, String>();
        parts.forEach((k, v) -> v.stream().filter(p -> p instanceof FormFieldPart).forEach(p -> fields.add(k, ((FormFieldPart) p).value())));
        Part file = parts.getFirst("feedback");
        FilePart feedback = file instanceof FilePart fp && fp.filename() != null && !fp.filename().isBlank() ? fp : null;
        return decide(caller, rights, row, fields, feedback, exchange, model, now);
      });
    })).as(NotFound::orNotFound);
  }

  private Mono<String> decide(Caller caller, Rights rights, Row row, MultiValueMap<String, String> fields, FilePart feedbackPart,
                              ServerWebExchange exchange, Model model, Instant now) {
    var e = row.learner().enrollment();
    String action = fields.getFirst("action");
    Long submission = number(fields.getFirst("submission"));
    String comment = fields.getFirst("comment") == null ? "" : fields.getFirst("comment").strip();
    String reason = fields.getFirst("reason");
    if (submission == null || !("grade".equals(action) || "return".equals(action))) {
      return refuse(exchange, HttpStatus.UNPROCESSABLE_ENTITY, "assignments.grading.problem.form", rights, row, model, now, fields);
    }
    if (comment.length() > 4000) {
      return refuse(exchange, HttpStatus.UNPROCESSABLE_ENTITY, "assignments.grading.problem.commentTooLong", rights, row, model, now, fields);
    }
    if ("return".equals(action) && !now.isBefore(e.schedule().deadline())) {
      return refuse(exchange, HttpStatus.CONFLICT, "assignments.grading.problem.returnTooLate", rights, row, model, now, fields);
    }
    return content.version(e.versionId()).flatMap(v -> {
      Marking.Marked marked = null;
      if ("grade".equals(action)) {
        var rubric = Marking.rubricOrWhole(v.content().assignment().rubric());
        var typed = new ArrayList<String>();
        for (int i = 0; i < rubric.criteria().size(); i++) {
          typed.add(fields.getFirst("m" + (i + 1)));
        }
        var result = Marking.mark(rubric, typed);
        if (result instanceof Marking.Refused refused) {
          model.addAttribute("markProblems", refused.problems());
          return refuse(exchange, HttpStatus.UNPROCESSABLE_ENTITY, null, rights, row, model, now, fields);
        }
        marked = (Marking.Marked) result;
      }
      final Marking.Marked mark = marked;
      // The store down or the disk full: nothing decided, and the page comes back with the marks and comment typed.
      return storeFeedback(e.id(), feedbackPart).map(java.util.Optional::of)
          .onErrorResume(x -> StorageUnavailable.of(x).isPresent(), x -> Mono.just(java.util.Optional.empty()))
          .flatMap(maybeStored -> {
        if (maybeStored.isEmpty()) {
          return refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE, "platform.error.503.storage.save", rights, row, model, now, fields);
        }
        var stored = maybeStored.get();
        if (stored.problem() != null) {
          model.addAttribute("feedbackProblem", stored.problem());
          return refuse(exchange, HttpStatus.UNPROCESSABLE_ENTITY, null, rights, row, model, now, fields);
        }
        Mono<Grades.Decided> decided = mark != null
            ? grades.grade(caller, e.id(), submission, mark, comment, stored.feedback(), reason, now)
            : grades.returnForRevision(caller, e.id(), submission, comment, stored.feedback(), reason, now);
        return decided.flatMap(d -> switch (d) {
          case DONE -> audit.record(caller, mark != null ? "ASSIGNMENT_GRADED" : "ASSIGNMENT_RETURNED", "enrollment", e.id(),
                  mark != null ? Map.of("submission", submission, "score", mark.score().toPlainString(), "reason", reason == null ? "" : reason)
                      : Map.of("submission", submission, "reason", reason == null ? "" : reason))
              .thenReturn("redirect:/cohorts/" + rights.scope().cohort().id() + "/grading?done=" + e.id()
                  + QueueFilter.of(exchange.getRequest().getQueryParams()).query());
          case STALE -> refuse(exchange, HttpStatus.CONFLICT, "assignments.grading.problem.stale", rights, row, model, now, fields);
          case REASON_NEEDED -> refuse(exchange, HttpStatus.UNPROCESSABLE_ENTITY, "assignments.grading.problem.reason", rights, row, model, now, fields);
          case COMMENT_NEEDED -> refuse(exchange, HttpStatus.UNPROCESSABLE_ENTITY, "assignments.grading.problem.comment", rights, row, model, now, fields);
          case NOTHING_SUBMITTED -> refuse(exchange, HttpStatus.CONFLICT, "assignments.grading.problem.nothing", rights, row, model, now, fields);
        });
      });
    });
  }

  private Mono<String> refuse(ServerWebExchange exchange, HttpStatus status, String problem, Rights rights, Row row, Model model,
                              Instant now, MultiValueMap<String, String> typed) {
    exchange.getResponse().setStatusCode(status);
    if (problem != null) {
      model.addAttribute("problem", problem);
    }
    return page(rights, row, model, now, typed);
  }

  private record StoredFeedback(Grades.Feedback feedback, String problem) {
  }

  /** The grader's optional feedback file: a document or an image, checked by content, stored before the decision. */
  private Mono<StoredFeedback> storeFeedback(long enrollmentId, FilePart part) {
    if (part == null) {
      return Mono.just(new StoredFeedback(null, null));
    }
    long limit = submissions.rules().maxDocument();
    List<Path> temps = new ArrayList<>();
    return Submissions.receive(part, temps).flatMap(f -> {
      var kind = SubmissionRules.kindOf(f.contentType());
      if (f.size() == 0 || kind.isEmpty() || kind.get() == SubmissionRules.Kind.VIDEO || f.size() > limit) {
        return Mono.just(new StoredFeedback(null, f.name()));
      }
      String key = "enrollments/" + enrollmentId + "/feedback/" + f.sha256();
      return store.put(Bucket.SUBMISSIONS, key, f.path(), f.contentType())
          .thenReturn(new StoredFeedback(new Grades.Feedback(f.name(), key, f.contentType()), null));
    }).doFinally(s -> Submissions.delete(temps));
  }

  /** A file of one of the learner's versions, for the grader: 303 to a short-lived URL of the store. */
  @GetMapping("/cohorts/{id}/grading/{enrollmentId}/files/{version}/{position}")
  Mono<ResponseEntity<Void>> file(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable long enrollmentId,
                                  @PathVariable int version, @PathVariable int position) {
    Instant now = clock.instant();
    return rights(caller, id).flatMap(rights -> row(rights, enrollmentId, now))
        .flatMap(row -> submissions.file(enrollmentId, version, position))
        .flatMap(submissions::url)
        .map(StoreRedirect::to)
        .as(NotFound::orNotFound);
  }

  private static Long number(String raw) {
    try {
      return raw == null ? null : Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

}
