package vn.bdtx.community.peersupport;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import vn.bdtx.accounts.People;
import vn.bdtx.cohorts.Runs;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.community.PeerSupportDue;
import vn.bdtx.domain.community.PeerSupportKind;
import vn.bdtx.platform.security.Caller;

/**
 * Who has not handed in or not had approved their plan or report for a run (seed 001, 8.2: the district offices
 * oversee their core staff, the department everyone): the run's core teachers and anyone who handed something in,
 * each kind still open, with how long it has been open. A district officer sees their district's people only.
 */
@Service
class Oversight {

  enum Status { NOT_SUBMITTED, SUBMITTED, RETURNED }

  record Row(long authorId, String authorName, String schoolName, PeerSupportKind kind, Status status, boolean late,
             LocalDate due, Instant since, Long ageDays, Long versionId) {
  }

  record Report(List<Row> rows, long approvedPlans, long approvedReports, long authors) {
  }

  private final PeerSupport peerSupport;
  private final Runs runs;
  private final People people;

  Oversight(PeerSupport peerSupport, Runs runs, People people) {
    this.peerSupport = peerSupport;
    this.runs = runs;
    this.people = people;
  }

  static boolean everything(Caller caller) {
    return caller.hasRole(Role.SUPERVISOR) || caller.hasRole(Role.IT_ADMIN);
  }

  static Set<Long> districts(Caller caller) {
    return Set.of(PeerSupport.scopes(caller, Role.DISTRICT_OFFICER, ScopeType.DISTRICT));
  }

  Mono<Report> report(Caller caller, long runId, Instant now) {
    return runs.coreTeachers(runId).zipWith(peerSupport.latestForRun(runId)).zipWith(peerSupport.due(runId))
        .flatMap(t -> {
          var leaders = t.getT1().getT1();
          var latest = t.getT1().getT2();
          PeerSupportDue due = t.getT2();
          Set<Long> ids = new LinkedHashSet<>(leaders.keySet());
          latest.forEach(v -> ids.add(v.authorId()));
          return people.listed(ids).flatMap(listed -> people.unitNames(listed.stream().map(People.Listed::schoolId)
                  .filter(java.util.Objects::nonNull).distinct().toList())
              .map(schoolNames -> build(caller, listed, latest, due, schoolNames, now)));
        });
  }

  private static Report build(Caller caller, List<People.Listed> listed, List<PeerSupport.Version> latest,
                              PeerSupportDue due, Map<Long, String> schoolNames, Instant now) {
    Map<String, PeerSupport.Version> byAuthorKind = new HashMap<>();
    latest.forEach(v -> byAuthorKind.put(v.authorId() + ":" + v.kind(), v));
    boolean all = everything(caller);
    Set<Long> districts = districts(caller);
    List<Row> rows = new ArrayList<>();
    long approvedPlans = 0;
    long approvedReports = 0;
    long authors = 0;
    var sorted = new ArrayList<>(listed);
    sorted.sort(java.util.Comparator.comparing(People.Listed::fullName, java.text.Collator.getInstance(new java.util.Locale("vi")))
        .thenComparing(People.Listed::id));
    for (People.Listed p : sorted) {
      if (!all && (p.districtId() == null || !districts.contains(p.districtId()))) {
        continue;
      }
      authors++;
      for (PeerSupportKind kind : PeerSupportKind.values()) {
        PeerSupport.Version v = byAuthorKind.get(p.id() + ":" + kind);
        String school = p.schoolId() == null ? "" : schoolNames.getOrDefault(p.schoolId(), "");
        if (v == null) {
          Instant deadline = due.deadline(kind);
          Long age = deadline != null && now.isAfter(deadline) ? Duration.between(deadline, now).toDays() : null;
          rows.add(new Row(p.id(), p.fullName(), school, kind, Status.NOT_SUBMITTED, deadline != null && now.isAfter(deadline),
              due.of(kind), null, age, null));
        } else if (v.state() == PeerSupport.State.APPROVED) {
          if (kind == PeerSupportKind.PLAN) {
            approvedPlans++;
          } else {
            approvedReports++;
          }
        } else {
          Instant since = v.state() == PeerSupport.State.RETURNED ? v.decidedAt() : v.submittedAt();
          rows.add(new Row(p.id(), p.fullName(), school, kind, Status.valueOf(v.state().name()), v.late(), due.of(kind), since,
              Duration.between(since, now).toDays(), v.id()));
        }
      }
    }
    return new Report(rows, approvedPlans, approvedReports, authors);
  }
}
