package vn.bdtx.home;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.cohorts.CohortViews;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.cohorts.EnrollmentKind;
import vn.bdtx.domain.cohorts.EnrollmentSchedule;
import vn.bdtx.platform.security.Caller;

/**
 * What a principal's school and a district office's district hold, read through
 * the owners' query services (accounts.People, cohorts.CohortViews with
 * criterion (i) from SelfStudyReport): /school/classes, the classes the school's
 * teachers are in with each one's progress; /district, the district's schools
 * with their people, and the classes its learners are in. Only the units of the
 * caller's own grants are read (SecurityConfiguration checks the role). Each
 * school and class leads to its report (/reports/units/{id}, /reports/cohorts/{id}),
 * which checks the same scope again and shows only the learners within it.
 */
@Controller
class ScopeController {

  /** A class seen from a school or district: its own day and phase, and the learners of the scope in it. */
  public record ClassGroup(long cohortId, String name, String courseTitle, java.time.LocalDate start,
                    EnrollmentSchedule.Status status, List<CohortViews.LearnerRow> learners) {
    public long selfStudyPassed() {
      return learners.stream().filter(l -> l.selfStudy() != null && l.selfStudy().passed()).count();
    }

    public long behind() {
      return learners.stream().filter(CohortViews.LearnerRow::isBehind).count();
    }
  }

  /** A school of the district with its people (by name) and how many of them are in a class. */
  public record SchoolRow(long id, String name, List<String> people, long enrolled) {
  }

  private final People people;
  private final CohortViews views;
  private final Clock clock;

  ScopeController(People people, CohortViews views, Clock clock) {
    this.people = people;
    this.views = views;
    this.clock = clock;
  }

  private static List<Long> units(Caller caller, Role role, ScopeType scope) {
    return caller.grants().stream().filter(g -> g.role() == role && g.scopeType() == scope && g.scopeId() != null)
        .map(Caller.Grant::scopeId).distinct().toList();
  }

  static List<ClassGroup> byClass(List<CohortViews.LearnerRow> rows, Instant now) {
    var groups = new LinkedHashMap<Long, List<CohortViews.LearnerRow>>();
    rows.forEach(r -> groups.computeIfAbsent(r.enrollment().cohortId(), c -> new ArrayList<>()).add(r));
    return groups.values().stream().map(list -> {
      var e = list.get(0).enrollment();
      var sorted = list.stream().sorted(java.util.Comparator.comparing((CohortViews.LearnerRow l) -> !l.isBehind())
          .thenComparing(CohortViews.LearnerRow::fullName)).toList();
      return new ClassGroup(e.cohortId(), e.cohortName(), e.courseTitle(), e.startDate(),
          EnrollmentSchedule.of(e.schedule().cohort(), EnrollmentKind.MAIN).at(now), sorted);
    }).toList();
  }

  @GetMapping("/school/classes")
  Mono<String> school(@AuthenticationPrincipal Caller caller, Model model) {
    Instant now = clock.instant();
    var schools = units(caller, Role.PRINCIPAL, ScopeType.SCHOOL);
    return people.inSchools(schools).map(People.Facts::id).collectList()
        .flatMap(ids -> views.ofLearners(ids, now))
        .zipWith(people.unitNames(schools))
        .map(t -> {
          model.addAttribute("classes", byClass(t.getT1(), now));
          model.addAttribute("schools", String.join(", ", t.getT2().values()));
          return "home/school-classes";
        });
  }

  @GetMapping("/district")
  Mono<String> district(@AuthenticationPrincipal Caller caller, Model model) {
    Instant now = clock.instant();
    var districts = units(caller, Role.DISTRICT_OFFICER, ScopeType.DISTRICT);
    return Mono.zip(people.schoolsOf(districts).collectList(), people.unitNames(districts)).flatMap(t -> {
      var schools = t.getT1();
      return people.inSchools(schools.stream().map(People.Unit::id).toList()).collectList()
          .flatMap(all -> views.ofLearners(all.stream().map(People.Facts::id).toList(), now).map(rows -> {
            Map<Long, Long> schoolOf = new java.util.HashMap<>();
            all.forEach(p -> schoolOf.put(p.id(), p.schoolId()));
            var list = new ArrayList<SchoolRow>();
            for (var s : schools) {
              var names = all.stream().filter(p -> Long.valueOf(s.id()).equals(p.schoolId())).map(People.Facts::fullName).toList();
              long enrolled = rows.stream().map(r -> r.enrollment().accountId()).distinct()
                  .filter(a -> Long.valueOf(s.id()).equals(schoolOf.get(a))).count();
              list.add(new SchoolRow(s.id(), s.name(), names, enrolled));
            }
            model.addAttribute("districts", String.join(", ", t.getT2().values()));
            model.addAttribute("schools", list);
            model.addAttribute("classes", byClass(rows, now));
            return "home/district";
          }));
    });
  }
}
