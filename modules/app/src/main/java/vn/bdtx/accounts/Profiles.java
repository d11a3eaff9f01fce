package vn.bdtx.accounts;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.AccountImport;
import vn.bdtx.domain.accounts.Level;
import vn.bdtx.domain.text.PersonText;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.security.Caller;

/**
 * A person's own profile: date of birth, level and phone are theirs to edit; a
 * change of e-mail (their login name) or school is a request the IT admin decides
 * (seed 001: a wrong e-mail or unit is reported to the department). Every change
 * is audited; a refused change writes nothing.
 */
@Service
class Profiles {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AuditLog audit;
  private final Clock clock;

  private final Outbox outbox;

  Profiles(DatabaseClient db, Outbox outbox, TransactionalOperator tx, AuditLog audit, Clock clock) {
    this.outbox = outbox;
    this.db = db;
    this.tx = tx;
    this.audit = audit;
    this.clock = clock;
  }

  record Profile(long id, String fullName, String email, LocalDate dateOfBirth, String phone, String level,
                 String position, String schoolName, String schoolCode, String mainSubject, String otherSubjects) {
  }

  record Request(long id, String kind, String newValue, String reason, String status, String decisionNote) {
  }

  Mono<Profile> of(long accountId) {
    return db.sql("""
            SELECT a.id, a.full_name, a.email, a.date_of_birth, a.phone, a.level, a.position, a.main_subject,
                   a.other_subjects, o.name AS school_name, o.code AS school_code
            FROM account a LEFT JOIN org_unit o ON o.id = a.school_id WHERE a.id = :id""")
        .bind("id", accountId)
        .map((r, m) -> new Profile(r.get("id", Long.class), r.get("full_name", String.class), r.get("email", String.class),
            r.get("date_of_birth", LocalDate.class), r.get("phone", String.class), r.get("level", String.class),
            r.get("position", String.class), r.get("school_name", String.class), r.get("school_code", String.class),
            r.get("main_subject", String.class), r.get("other_subjects", String.class)))
        .one();
  }

  Mono<List<Request>> requestsOf(long accountId) {
    return db.sql("""
            SELECT r.id, r.kind, COALESCE(r.new_email, o.code || ' — ' || o.name) AS new_value, r.reason, r.status,
                   r.decision_note
            FROM change_request r LEFT JOIN org_unit o ON o.id = r.new_school_id
            WHERE r.account_id = :id ORDER BY r.id DESC LIMIT 20""")
        .bind("id", accountId)
        .map((r, m) -> new Request(r.get("id", Long.class), r.get("kind", String.class), r.get("new_value", String.class),
            r.get("reason", String.class), r.get("status", String.class), r.get("decision_note", String.class)))
        .all().collectList();
  }

  /** Saves the editable fields, or returns the problems (field → message key) and saves nothing. */
  Mono<Map<String, String>> update(Caller caller, ProfileForm form) {
    Map<String, String> problems = new LinkedHashMap<>();
    LocalDate birth = null;
    if (!form.getDateOfBirth().isEmpty()) {
      birth = parseDate(form.getDateOfBirth()).orElse(null);
      if (birth == null) {
        problems.put("dateOfBirth", "accounts.profile.problem.BAD_DATE");
      } else if (!AccountImport.plausibleBirthDate(birth, LocalDate.now(clock))) {
        problems.put("dateOfBirth", "accounts.profile.problem.DATE_OUT_OF_RANGE");
        birth = null;
      }
    }
    Level level = null;
    if (!form.getLevel().isEmpty()) {
      level = Level.parse(form.getLevel()).orElse(null);
      if (level == null) {
        problems.put("level", "accounts.profile.problem.BAD_LEVEL");
      }
    }
    String phone = null;
    if (!form.getPhone().isEmpty()) {
      phone = PersonText.phone(form.getPhone()).orElse(null);
      if (phone == null) {
        problems.put("phone", "accounts.profile.problem.BAD_PHONE");
      }
    }
    if (!problems.isEmpty()) {
      return Mono.just(problems);
    }
    var spec = db.sql("UPDATE account SET date_of_birth = :birth, level = :level, phone = :phone, updated_at = now() WHERE id = :id")
        .bind("id", caller.accountId());
    spec = birth == null ? spec.bindNull("birth", LocalDate.class) : spec.bind("birth", birth);
    spec = level == null ? spec.bindNull("level", String.class) : spec.bind("level", level.name());
    spec = phone == null ? spec.bindNull("phone", String.class) : spec.bind("phone", phone);
    return spec.then()
        .then(outbox.publish(Topics.ACCOUNT, caller.accountId()))
        .then(audit.record(caller, "PROFILE_CHANGED", "account", caller.accountId(), Map.of(
            "dateOfBirth", String.valueOf(birth), "level", String.valueOf(level), "phone", String.valueOf(phone))))
        .as(tx::transactional)
        .thenReturn(Map.<String, String>of());
  }

  /** Files a request, or returns the problems and files nothing. */
  Mono<Map<String, String>> request(Caller caller, ChangeRequestForm form) {
    Map<String, String> problems = new LinkedHashMap<>();
    String reason = PersonText.reason(form.getReason()).orElse(null);
    if (reason == null) {
      problems.put("reason", "accounts.profile.problem.BAD_REASON");
    }
    if ("EMAIL".equals(form.getKind())) {
      Optional<String> email = PersonText.email(form.getNewEmail());
      if (email.isEmpty()) {
        problems.put("newEmail", "accounts.profile.problem.BAD_EMAIL");
        return Mono.just(problems);
      }
      return db.sql("SELECT EXISTS (SELECT 1 FROM account WHERE email = :e OR lower(username) = :e) AS taken")
          .bind("e", email.get()).map((r, m) -> r.get("taken", Boolean.class)).one()
          .flatMap(taken -> {
            if (taken) {
              problems.put("newEmail", "accounts.profile.problem.EMAIL_TAKEN");
            }
            return problems.isEmpty() ? file(caller, "EMAIL", email.get(), null, reason, problems) : Mono.just(problems);
          });
    }
    if ("SCHOOL".equals(form.getKind())) {
      return db.sql("SELECT id FROM org_unit WHERE kind = 'SCHOOL' AND active AND lower(code) = lower(:c)")
          .bind("c", form.getNewSchoolCode()).map((r, m) -> r.get("id", Long.class)).one()
          .flatMap(id -> problems.isEmpty() ? file(caller, "SCHOOL", null, id, reason, problems) : Mono.just(problems))
          .switchIfEmpty(Mono.fromSupplier(() -> {
            problems.put("newSchoolCode", "accounts.profile.problem.UNKNOWN_SCHOOL");
            return problems;
          }));
    }
    problems.put("kind", "accounts.profile.problem.BAD_KIND");
    return Mono.just(problems);
  }

  private Mono<Map<String, String>> file(Caller caller, String kind, String email, Long schoolId, String reason,
                                         Map<String, String> problems) {
    var spec = db.sql("""
            INSERT INTO change_request (account_id, kind, new_email, new_school_id, reason)
            VALUES (:account, :kind, :email, :school, :reason)
            ON CONFLICT (account_id, kind) WHERE status = 'PENDING' DO NOTHING RETURNING id""")
        .bind("account", caller.accountId()).bind("kind", kind).bind("reason", reason);
    spec = email == null ? spec.bindNull("email", String.class) : spec.bind("email", email);
    spec = schoolId == null ? spec.bindNull("school", Long.class) : spec.bind("school", schoolId);
    return spec.map((r, m) -> r.get("id", Long.class)).one()
        .flatMap(id -> audit.record(caller, "CHANGE_REQUESTED", "change_request", id, Map.of("kind", kind))
            .thenReturn(Map.<String, String>of()))
        .switchIfEmpty(Mono.fromSupplier(() -> {
          problems.put("kind", "accounts.profile.problem.ALREADY_PENDING");
          return problems;
        }))
        .as(tx::transactional);
  }

  static Optional<LocalDate> parseDate(String text) {
    for (DateTimeFormatter f : List.of(DAY, DateTimeFormatter.ISO_LOCAL_DATE)) {
      try {
        return Optional.of(LocalDate.parse(text, f));
      } catch (DateTimeParseException ignored) {
        // next form
      }
    }
    return Optional.empty();
  }
}
