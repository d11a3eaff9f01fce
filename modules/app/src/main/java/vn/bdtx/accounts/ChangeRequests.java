package vn.bdtx.accounts;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;
import vn.bdtx.platform.security.Caller;

/** The IT admin's side of e-mail and school corrections: approve (and apply) or reject, audited. */
@Service
class ChangeRequests {

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AuditLog audit;

  private final Outbox outbox;

  ChangeRequests(DatabaseClient db, Outbox outbox, TransactionalOperator tx, AuditLog audit) {
    this.outbox = outbox;
    this.db = db;
    this.tx = tx;
    this.audit = audit;
  }

  record Pending(long id, long accountId, String fullName, String currentEmail, String currentSchool, String kind,
                 String newValue, String reason) {
  }

  Mono<List<Pending>> pending() {
    return db.sql("""
            SELECT r.id, a.id AS account_id, a.full_name, a.email, cur.name AS current_school, r.kind,
                   COALESCE(r.new_email, nxt.code || ' — ' || nxt.name) AS new_value, r.reason
            FROM change_request r JOIN account a ON a.id = r.account_id
            LEFT JOIN org_unit cur ON cur.id = a.school_id LEFT JOIN org_unit nxt ON nxt.id = r.new_school_id
            WHERE r.status = 'PENDING' ORDER BY r.id""")
        .map((r, m) -> new Pending(r.get("id", Long.class), r.get("account_id", Long.class), r.get("full_name", String.class),
            r.get("email", String.class), r.get("current_school", String.class), r.get("kind", String.class),
            r.get("new_value", String.class), r.get("reason", String.class)))
        .all().collectList();
  }

  /** Applies and closes a pending request; empty when there is no such pending request. */
  Mono<String> approve(Caller admin, long id) {
    return pendingRow(id).flatMap(row -> {
      Mono<Void> apply = "EMAIL".equals(row.kind())
          ? db.sql("""
                UPDATE account SET username = CASE WHEN lower(username) = lower(email) THEN :email ELSE username END,
                       email = :email, updated_at = now() WHERE id = :account""")
              .bind("email", row.newEmail()).bind("account", row.accountId()).then()
          : db.sql("""
                UPDATE role_grant SET scope_id = :school
                WHERE account_id = :account AND scope_type = 'SCHOOL'
                  AND scope_id = (SELECT school_id FROM account WHERE id = :account)""")
              .bind("school", row.newSchoolId()).bind("account", row.accountId()).then()
              .then(db.sql("UPDATE account SET school_id = :school, updated_at = now() WHERE id = :account")
                  .bind("school", row.newSchoolId()).bind("account", row.accountId()).then());
      return apply
          .then(outbox.publish(Topics.ACCOUNT, row.accountId()))
          .then(close(admin, id, "APPROVED", null))
          .then(audit.record(admin, "CHANGE_APPROVED", "account", row.accountId(), Map.of("request", id, "kind", row.kind(),
              "new", row.kind().equals("EMAIL") ? row.newEmail() : String.valueOf(row.newSchoolId()))))
          .thenReturn("approved")
          .as(tx::transactional)
          .onErrorResume(DataIntegrityViolationException.class, e -> Mono.just("emailTaken"));
    });
  }

  /** Closes a pending request with a note for the person; empty when there is no such pending request. */
  Mono<String> reject(Caller admin, long id, String note) {
    String clean = Normalizer.normalize(note == null ? "" : note, Normalizer.Form.NFC).strip();
    String trimmed = clean.length() > 500 ? clean.substring(0, 500) : clean;
    return pendingRow(id).flatMap(row -> close(admin, id, "REJECTED", trimmed)
        .then(audit.record(admin, "CHANGE_REJECTED", "account", row.accountId(), Map.of("request", id, "kind", row.kind())))
        .thenReturn("rejected")
        .as(tx::transactional));
  }

  private record Row(long accountId, String kind, String newEmail, Long newSchoolId) {
  }

  private Mono<Row> pendingRow(long id) {
    return db.sql("SELECT account_id, kind, new_email, new_school_id FROM change_request WHERE id = :id AND status = 'PENDING' FOR UPDATE")
        .bind("id", id)
        .map((r, m) -> new Row(r.get("account_id", Long.class), r.get("kind", String.class), r.get("new_email", String.class),
            r.get("new_school_id", Long.class)))
        .one();
  }

  private Mono<Void> close(Caller admin, long id, String status, String note) {
    var spec = db.sql("""
            UPDATE change_request SET status = :status, decided_by = :admin, decided_at = now(), decision_note = :note
            WHERE id = :id""")
        .bind("status", status).bind("admin", admin.accountId()).bind("id", id);
    spec = note == null ? spec.bindNull("note", String.class) : spec.bind("note", note);
    return spec.then();
  }
}
