package vn.bdtx.community.meetings;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.assignments.Submissions;
import vn.bdtx.cohorts.CohortViews;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.community.MeetingRules;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.FileTypes;
import vn.bdtx.platform.web.NotFound;
import vn.bdtx.platform.web.StoreRedirect;

/**
 * /cohorts/{id}/meetings and /meetings/{id}: a class's professional meetings.
 * Only the group's core teacher schedules, changes and records their group's
 * meeting; the class's lecturer, assistants, supervisors and the IT team see
 * every group's; a learner sees only their own group's (no minutes, no files).
 * Anyone else, and anyone changing another group's meeting, gets a 404.
 */
@Controller
class MeetingController {

  /** What the caller may do with one meeting. */
  record Access(Meetings.Meeting meeting, CohortViews.Header cohort, Cohorts.GroupRef group, boolean manages, boolean staff) {
  }

  private final Meetings meetings;
  private final CohortViews views;
  private final Cohorts cohorts;
  private final People people;
  private final Clock clock;

  MeetingController(Meetings meetings, CohortViews views, Cohorts cohorts, People people, Clock clock) {
    this.meetings = meetings;
    this.views = views;
    this.cohorts = cohorts;
    this.people = people;
    this.clock = clock;
  }

  private static boolean leads(Caller caller, Cohorts.GroupRef g) {
    return caller.hasRole(Role.CORE_TEACHER) && g.coreTeacherId() != null && g.coreTeacherId() == caller.accountId();
  }

  /** The groups of the class the caller sees as staff (all of them, or a core teacher's), empty when none. */
  private Mono<Map.Entry<CohortViews.Scope, List<CohortViews.Group>>> staffScope(Caller caller, long cohortId) {
    return views.scope(caller, cohortId).flatMap(scope -> views.groups(cohortId).map(groups -> Map.entry(scope,
        groups.stream().filter(g -> scope.whole() || scope.groups().contains(g.id())).toList())));
  }

  /** The learner's own group in the class, if enrolled in one. */
  private Mono<Long> learnerGroup(Caller caller, long cohortId) {
    return cohorts.enrollment(cohortId, caller.accountId())
        .flatMap(e -> cohorts.groupsOf(List.of(e.id())).flatMap(m -> Mono.justOrEmpty(m.get(e.id()))));
  }

  private Mono<Access> access(Caller caller, long meetingId) {
    return meetings.find(meetingId).flatMap(m -> cohorts.group(m.groupId()).flatMap(g -> views.whole(m.cohortId()).flatMap(whole -> {
      var header = whole.cohort();
      if (leads(caller, g)) {
        return Mono.just(new Access(m, header, g, true, true));
      }
      return views.scope(caller, m.cohortId())
          .filter(s -> s.whole() || s.groups().contains(g.id()))
          .map(s -> new Access(m, header, g, false, true))
          .switchIfEmpty(learnerGroup(caller, m.cohortId()).filter(gid -> gid == g.id())
              .map(gid -> new Access(m, header, g, false, false)));
    })));
  }

  private Mono<Access> managed(Caller caller, long meetingId) {
    return access(caller, meetingId).filter(Access::manages);
  }

  // ---- the class's meetings ----------------------------------------------------------------------------------

  @GetMapping("/cohorts/{id}/meetings")
  Mono<String> list(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return listPage(caller, id, model, null).as(NotFound::orNotFound);
  }

  private Mono<String> listPage(Caller caller, long id, Model model, Map<String, String> form) {
    Instant now = clock.instant();
    Mono<String> staff = staffScope(caller, id).flatMap(t -> {
      var groups = t.getValue();
      return meetings.ofGroups(groups.stream().map(CohortViews.Group::id).toList()).map(byGroup -> {
        var cohort = t.getKey().cohort();
        model.addAttribute("cohort", cohort);
        model.addAttribute("groups", groups);
        model.addAttribute("byGroup", byGroup);
        model.addAttribute("leads", groups.stream().filter(g -> g.coreTeacherId() != null && g.coreTeacherId() == caller.accountId()
            && caller.hasRole(Role.CORE_TEACHER)).map(CohortViews.Group::id).collect(java.util.stream.Collectors.toSet()));
        formModel(model, cohort, form, now);
        return "community/meetings/cohort";
      });
    });
    // A learner: their own group's meeting, or that none is scheduled yet.
    Mono<String> learner = learnerGroup(caller, id).flatMap(gid -> meetings.ofGroups(List.of(gid)))
        .flatMap(m -> m.isEmpty() ? views.whole(id).map(w -> {
          model.addAttribute("cohort", w.cohort());
          return "community/meetings/none";
        }) : Mono.just("redirect:/meetings/" + m.values().iterator().next().id()));
    return staff.switchIfEmpty(learner);
  }

  private void formModel(Model model, CohortViews.Header cohort, Map<String, String> form, Instant now) {
    var days = Meetings.meetingDays(cohort.schedule()).orElse(null);
    model.addAttribute("days", days);
    model.addAttribute("firstDay", days == null ? null : LocalDate.ofInstant(days.opens(), vn.bdtx.domain.cohorts.CohortSchedule.ZONE));
    model.addAttribute("lastDay", days == null ? null : days.lastDay());
    model.addAttribute("form", form == null ? Map.of() : form);
    model.addAttribute("formKey", form != null && form.containsKey("formKey") ? form.get("formKey") : UUID.randomUUID().toString());
    model.addAttribute("now", now);
  }

  @PostMapping("/cohorts/{id}/meetings")
  Mono<String> schedule(@AuthenticationPrincipal Caller caller, @PathVariable long id, ServerWebExchange exchange, Model model) {
    Instant now = clock.instant();
    return exchange.getFormData().flatMap(data -> {
      var form = fields(data, "groupId", "level", "date", "time", "place", "link", "formKey");
      Long groupId = number(form.get("groupId"));
      if (groupId == null) {
        return Mono.<String>empty();
      }
      return cohorts.group(groupId).filter(g -> g.cohortId() == id && leads(caller, g))
          .flatMap(g -> views.whole(id).flatMap(whole -> {
            UUID key = uuid(form.get("formKey"));
            if (key == null) {
              return refused(exchange, model, caller, id, form, List.of(MeetingRules.Problem.DATE_MISSING));
            }
            return meetings.schedule(caller.accountId(), g, whole.cohort().schedule(), request(form), key, now)
                .flatMap(outcome -> outcome instanceof Meetings.Scheduled.Saved saved
                    ? Mono.just("redirect:/meetings/" + saved.meeting().id() + "?scheduled")
                    : refused(exchange, model, caller, id, form, ((Meetings.Scheduled.Refused) outcome).problems()));
          }));
    }).as(NotFound::orNotFound);
  }

  private Mono<String> refused(ServerWebExchange exchange, Model model, Caller caller, long id, Map<String, String> form,
                               List<MeetingRules.Problem> problems) {
    exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
    model.addAttribute("problems", problems);
    return listPage(caller, id, model, form);
  }

  private static MeetingRules.Request request(Map<String, String> form) {
    return new MeetingRules.Request(form.get("level"), vn.bdtx.domain.text.Dates.parse(form.getOrDefault("date", "")).orElse(null),
        time(form.get("time")), form.get("place"), form.get("link"));
  }

  // ---- one meeting ---------------------------------------------------------------------------------------------

  @GetMapping("/meetings/{id}")
  Mono<String> meeting(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return access(caller, id).flatMap(a -> page(a, model, null)).as(NotFound::orNotFound);
  }

  private Mono<String> page(Access a, Model model, Map<String, String> form) {
    Instant now = clock.instant();
    var m = a.meeting();
    model.addAttribute("access", a);
    model.addAttribute("meeting", m);
    model.addAttribute("cohort", a.cohort());
    model.addAttribute("canChange", a.manages() && !m.recorded() && !m.begun(now));
    model.addAttribute("canRecord", a.manages() && m.begun(now));
    model.addAttribute("maxImage", FileTypes.human(meetings.maxImage()));
    model.addAttribute("maxDocument", FileTypes.human(meetings.maxDocument()));
    formModel(model, a.cohort(), form == null ? Map.of("level", m.level().name(),
        "date", LocalDate.ofInstant(m.startsAt(), vn.bdtx.domain.cohorts.CohortSchedule.ZONE).toString(),
        "time", vn.bdtx.platform.web.VietnameseFormats.FORMATS.minutes(m.startsAt()),
        "place", m.place() == null ? "" : m.place(), "link", m.link() == null ? "" : m.link()) : form, now);
    if (!a.staff()) {
      return Mono.just("community/meetings/meeting");
    }
    return Mono.zip(cohorts.groupMembers(m.groupId()), meetings.attendance(m.id()), meetings.files(m.id())).flatMap(t ->
        people.byIds(t.getT1().stream().map(Cohorts.GroupMember::accountId).toList()).collectMap(People.Facts::id).map(names -> {
          var rows = new ArrayList<Row>();
          // A refused attendance form comes back as it was typed, not as stored: nothing the teacher marked is lost.
          @SuppressWarnings("unchecked")
          var typed = (Map<Long, Meetings.Attendance>) model.getAttribute("typedMarks");
          @SuppressWarnings("unchecked")
          var missing = (List<Long>) model.getAttribute("missingIds");
          var missingNames = new ArrayList<String>();
          for (var l : t.getT1()) {
            var p = names.get(l.accountId());
            String name = p == null ? "?" : p.fullName();
            rows.add(new Row(l.enrollmentId(), name, p == null ? "" : p.username(),
                typed != null ? typed.get(l.enrollmentId()) : t.getT2().get(l.enrollmentId())));
            if (missing != null && missing.contains(l.enrollmentId())) {
              missingNames.add(name);
            }
          }
          rows.sort(java.util.Comparator.comparing(Row::fullName));
          java.util.Collections.sort(missingNames);
          model.addAttribute("missingNames", missingNames);
          model.addAttribute("rows", rows);
          model.addAttribute("files", t.getT3());
          model.addAttribute("present", t.getT2().values().stream().filter(Meetings.Attendance::present).count());
          return "community/meetings/meeting";
        }));
  }

  /** A learner of the group on the attendance form. */
  record Row(long enrollmentId, String fullName, String username, Meetings.Attendance attendance) {
  }

  @PostMapping("/meetings/{id}")
  Mono<String> change(@AuthenticationPrincipal Caller caller, @PathVariable long id, ServerWebExchange exchange, Model model) {
    Instant now = clock.instant();
    return managed(caller, id).flatMap(a -> exchange.getFormData().flatMap(data -> {
      var form = fields(data, "level", "date", "time", "place", "link");
      return meetings.change(a.meeting(), a.cohort().schedule(), request(form), now).flatMap(outcome -> {
        if (outcome instanceof Meetings.Scheduled.Saved) {
          return Mono.just("redirect:/meetings/" + id + "?changed");
        }
        var problems = ((Meetings.Scheduled.Refused) outcome).problems();
        exchange.getResponse().setStatusCode(problems.contains(MeetingRules.Problem.ALREADY_HELD) ? HttpStatus.CONFLICT
            : HttpStatus.UNPROCESSABLE_ENTITY);
        model.addAttribute("problems", problems);
        return page(a, model, form);
      });
    })).as(NotFound::orNotFound);
  }

  /** Attendance of each learner (present-{enrollment}: true/false, note-{enrollment}) and the minutes. */
  @PostMapping("/meetings/{id}/record")
  Mono<String> record(@AuthenticationPrincipal Caller caller, @PathVariable long id, ServerWebExchange exchange, Model model) {
    Instant now = clock.instant();
    return managed(caller, id).flatMap(a -> exchange.getFormData().flatMap(data -> {
      if (!a.meeting().begun(now)) {
        exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
        model.addAttribute("recordProblem", "community.meetings.record.notYet");
        return page(a, model, null);
      }
      String minutes = clean(data.getFirst("minutes"), 20_000);
      return cohorts.groupMembers(a.meeting().groupId()).flatMap(members -> {
        var marks = new HashMap<Long, Meetings.Attendance>();
        var missing = new ArrayList<Long>();
        for (var l : members) {
          String p = data.getFirst("present-" + l.enrollmentId());
          if (p == null || !(p.equals("true") || p.equals("false"))) {
            missing.add(l.enrollmentId());
            continue;
          }
          marks.put(l.enrollmentId(), new Meetings.Attendance(p.equals("true"), clean(data.getFirst("note-" + l.enrollmentId()), 300)));
        }
        if (!missing.isEmpty() || minutes.isEmpty()) {
          exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
          model.addAttribute("recordProblem", minutes.isEmpty() ? "community.meetings.record.noMinutes" : "community.meetings.record.missing");
          model.addAttribute("missingCount", missing.size());
          model.addAttribute("missingIds", missing);
          model.addAttribute("typedMarks", marks);
          model.addAttribute("typedMinutes", minutes);
          return page(a, model, null);
        }
        return meetings.record(a.meeting(), marks, minutes, caller.accountId(), now).thenReturn("redirect:/meetings/" + id + "?recorded");
      });
    })).as(NotFound::orNotFound);
  }

  /** Evidence files (photos, the shared lesson plan): images, PDF or Word, each size-limited, the type read from the bytes. */
  @PostMapping("/meetings/{id}/files")
  Mono<String> upload(@AuthenticationPrincipal Caller caller, @PathVariable long id, ServerWebExchange exchange, Model model) {
    Instant now = clock.instant();
    return managed(caller, id).flatMap(a -> exchange.getMultipartData().flatMap(parts -> {
      List<FilePart> files = parts.getOrDefault("files", List.of()).stream()
          .filter(p -> p instanceof FilePart fp && fp.filename() != null && !fp.filename().isBlank())
          .map(p -> (FilePart) p).toList();
      List<Path> temps = new ArrayList<>();
      return Flux.fromIterable(files).concatMap(f -> Submissions.receive(f, temps)).collectList()
          .flatMap(received -> {
            var problems = meetings.check(received);
            if (!problems.isEmpty()) {
              exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
              model.addAttribute("fileProblems", problems);
              return page(a, model, null);
            }
            return meetings.addFiles(a.meeting(), received, caller.accountId(), now).thenReturn("redirect:/meetings/" + id + "?uploaded");
          })
          .doFinally(s -> Submissions.delete(temps));
    })).as(NotFound::orNotFound);
  }

  /** An evidence file for the group's staff: 303 to a short-lived URL, shown inline only for images and PDF. */
  @GetMapping("/meetings/{id}/files/{fileId}")
  Mono<ResponseEntity<Void>> file(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable long fileId) {
    return access(caller, id).filter(Access::staff)
        .flatMap(a -> meetings.files(id)).flatMap(all -> Mono.justOrEmpty(all.stream().filter(f -> f.id() == fileId).findFirst()))
        .flatMap(f -> meetings.url(f))
        .map(StoreRedirect::to)
        .as(NotFound::orNotFound);
  }

  // ---- form fields ---------------------------------------------------------------------------------------------

  private static Map<String, String> fields(MultiValueMap<String, String> data, String... names) {
    var m = new HashMap<String, String>();
    for (String n : names) {
      String v = data.getFirst(n);
      m.put(n, v == null ? "" : v.strip());
    }
    return m;
  }

  private static String clean(String s, int max) {
    String t = s == null ? "" : s.replace("\u0000", "").strip();
    return t.length() > max ? t.substring(0, max) : t;
  }

  private static Long number(String raw) {
    try {
      return raw == null || raw.isBlank() ? null : Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static UUID uuid(String raw) {
    try {
      return raw == null ? null : UUID.fromString(raw.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static LocalTime time(String raw) {
    try {
      return raw == null || raw.isBlank() ? null : LocalTime.parse(raw.strip().length() == 4 ? "0" + raw.strip() : raw.strip());
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
