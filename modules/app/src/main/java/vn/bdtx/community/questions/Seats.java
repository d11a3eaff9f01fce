package vn.bdtx.community.questions;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.catalog.Courses;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.cohorts.CohortViews;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.domain.community.EscalationTarget;
import vn.bdtx.domain.community.Responder;
import vn.bdtx.platform.security.Caller;

/**
 * Where the caller sits relative to a class and its questions, read through the cohorts' public services:
 * the class's lecturer, an assistant, the core teacher of some of its groups, a learner of it, or nobody.
 * Escalation targets reach a question only once it was escalated to them.
 */
@Component
class Seats {

  /** The caller in one class: its lecturer, an assistant, the groups they lead, their own enrollment. */
  record InClass(long cohortId, boolean lecturer, boolean assistant, Set<Long> groups, Cohorts.Enrollment enrollment) {
    boolean staff() {
      return lecturer || assistant || !groups.isEmpty();
    }

    boolean whole() {
      return lecturer || assistant;
    }

    boolean learner() {
      return enrollment != null;
    }
  }

  private final CohortViews views;
  private final Cohorts cohorts;
  private final Courses courses;

  Seats(CohortViews views, Cohorts cohorts, Courses courses) {
    this.views = views;
    this.cohorts = cohorts;
    this.courses = courses;
  }

  Mono<InClass> inClass(Caller caller, long cohortId) {
    Mono<String> role = views.mine(caller).filter(r -> r.cohort().id() == cohortId).map(CohortViews.CohortListRow::role)
        .next().defaultIfEmpty("");
    Mono<Set<Long>> groups = caller.hasRole(Role.CORE_TEACHER)
        ? views.groups(cohortId).map(gs -> {
          Set<Long> mine = new HashSet<>();
          gs.stream().filter(g -> g.coreTeacherId() != null && g.coreTeacherId() == caller.accountId()).forEach(g -> mine.add(g.id()));
          return Set.copyOf(mine);
        })
        : Mono.just(Set.of());
    Mono<Optional<Cohorts.Enrollment>> enrollment = caller.hasRole(Role.LEARNER)
        ? cohorts.enrollment(cohortId, caller.accountId()).map(Optional::of).defaultIfEmpty(Optional.empty())
        : Mono.just(Optional.empty());
    return Mono.zip(role, groups, enrollment).map(t -> new InClass(cohortId, "LECTURER".equals(t.getT1()),
        "ASSISTANT".equals(t.getT1()), t.getT2(), t.getT3().orElse(null)));
  }

  /** How the caller may respond to the question, if at all (empty for the asker and other learners). */
  Optional<Responder> responder(Caller caller, InClass seat, Question q) {
    if (seat.lecturer()) {
      return Optional.of(Responder.LECTURER);
    }
    if (seat.assistant() || q.groupId() != null && seat.groups().contains(q.groupId())) {
      return Optional.of(Responder.FIRST_LINE);
    }
    if (q.escalatedTo() == EscalationTarget.REGULATION && specialistFor(caller, q.districtId())) {
      return Optional.of(Responder.REGULATION);
    }
    if (q.escalatedTo() == EscalationTarget.IT && caller.hasRole(Role.IT_ADMIN)) {
      return Optional.of(Responder.IT);
    }
    return Optional.empty();
  }

  /** The department's supervisors, or an officer of the asker's district office. */
  static boolean specialistFor(Caller caller, Long districtId) {
    return caller.hasRole(Role.SUPERVISOR) || caller.grants().stream().anyMatch(g -> g.role() == Role.DISTRICT_OFFICER
        && (g.scopeType() == ScopeType.PROVINCE && g.scopeId() == null
            || g.scopeType() == ScopeType.DISTRICT && districtId != null && districtId.equals(g.scopeId())));
  }

  /** The district offices whose officers the caller is (null in the list: the whole province). */
  static List<Long> officerDistricts(Caller caller) {
    return caller.grants().stream().filter(g -> g.role() == Role.DISTRICT_OFFICER && g.scopeType() == ScopeType.DISTRICT
        && g.scopeId() != null).map(Caller.Grant::scopeId).toList();
  }

  /** The lecturer of a class, if it has one. */
  Mono<Long> lecturerOf(long cohortId) {
    return views.whole(cohortId).flatMap(s -> Mono.justOrEmpty(s.cohort().lecturerId()));
  }

  /** The core teacher who leads a group of the class, if any. */
  Mono<Long> coreTeacherOf(long cohortId, Long groupId) {
    return groupId == null ? Mono.empty() : views.groups(cohortId).flatMap(gs -> Mono.justOrEmpty(gs.stream()
        .filter(g -> g.id() == groupId && g.coreTeacherId() != null).map(CohortViews.Group::coreTeacherId).findFirst()));
  }

  /** The module a class belongs to. */
  Mono<String> moduleOf(long cohortId) {
    return views.whole(cohortId).flatMap(s -> courses.find(s.cohort().courseId())).map(c -> c.moduleCode());
  }

  /**
   * Whether the caller reaches the module's FAQ: a learner or staff member of any of its classes, or one who
   * answers escalations province- or district-wide (supervisors, district officers, the IT team).
   */
  Mono<Boolean> reachesModule(Caller caller, String moduleCode) {
    if (caller.hasRole(Role.SUPERVISOR) || caller.hasRole(Role.IT_ADMIN) || caller.hasRole(Role.DISTRICT_OFFICER)) {
      return Mono.just(true);
    }
    Flux<Long> courseIds = Flux.merge(
        caller.hasRole(Role.LEARNER) ? cohorts.enrollments(caller.accountId()).map(Cohorts.Enrollment::courseId) : Flux.empty(),
        views.mine(caller).map(r -> r.cohort().courseId()));
    return courseIds.distinct().concatMap(courses::find).any(c -> moduleCode.equals(c.moduleCode()));
  }

  /** The classes the caller works in, by role (LECTURER, ASSISTANT, CORE_TEACHER) for the queue. */
  Mono<List<CohortViews.CohortListRow>> mine(Caller caller) {
    return views.mine(caller).collectList();
  }

  Mono<List<CohortViews.Group>> groups(long cohortId) {
    return views.groups(cohortId);
  }
}
