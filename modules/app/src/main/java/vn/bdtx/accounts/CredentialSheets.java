package vn.bdtx.accounts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;

/**
 * Per-school credential sheets to hand out (seed 001 step 1, without its shared
 * "Demo@123"). Passwords are never stored in a readable form: each download issues
 * a fresh random one-time password to every account of the school that has not
 * chosen its own yet, so the latest sheet is the valid one. They expire and must
 * be changed at first login ({@link OneTimePasswords}).
 */
@Service
class CredentialSheets {

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration lifetime;
  private final OneTimePasswords oneTime;

  CredentialSheets(DatabaseClient db, TransactionalOperator tx, AuditLog audit, Clock clock,
                   @Value("${bdtx.credentials.initial-password-lifetime}") Duration lifetime, OneTimePasswords oneTime) {
    this.db = db;
    this.tx = tx;
    this.audit = audit;
    this.clock = clock;
    this.lifetime = lifetime;
    this.oneTime = oneTime;
  }

  /** A school with how many of its accounts are waiting for a password and how many are in use. */
  record SchoolCount(long schoolId, String code, String name, long waiting, long activated) {
  }

  Flux<SchoolCount> schools() {
    return db.sql("""
            SELECT o.id, o.code, o.name,
                   count(a.id) FILTER (WHERE a.activated_at IS NULL AND a.enabled) AS waiting,
                   count(a.id) FILTER (WHERE a.activated_at IS NOT NULL) AS activated
            FROM org_unit o LEFT JOIN account a ON a.school_id = o.id
            WHERE o.kind = 'SCHOOL' GROUP BY o.id, o.code, o.name ORDER BY o.name""")
        .map((row, meta) -> new SchoolCount(row.get("id", Long.class), row.get("code", String.class),
            row.get("name", String.class), row.get("waiting", Long.class), row.get("activated", Long.class)))
        .all();
  }

  /** The sheet as an XLSX file, after the new passwords are committed; empty when there is no such school. */
  record Sheet(String schoolCode, String schoolName, int accounts, byte[] xlsx) {
  }

  /** A district office with how many accounts of its active schools wait for a password. */
  record DistrictCount(long districtId, String code, String name, long waiting) {
  }

  Flux<DistrictCount> districts() {
    return db.sql("""
            SELECT d.id, d.code, d.name, count(a.id) AS waiting
            FROM org_unit d
            LEFT JOIN org_unit s ON s.parent_id = d.id AND s.kind = 'SCHOOL' AND s.active
            LEFT JOIN account a ON a.school_id = s.id AND a.activated_at IS NULL AND a.enabled
            WHERE d.kind = 'DISTRICT_OFFICE' AND d.active GROUP BY d.id, d.code, d.name ORDER BY d.name""")
        .map((row, meta) -> new DistrictCount(row.get("id", Long.class), row.get("code", String.class),
            row.get("name", String.class), row.get("waiting", Long.class)))
        .all();
  }

  /** The district office's code, or empty when there is no such (active) district office. */
  Mono<String> districtCode(long districtId) {
    return db.sql("SELECT code FROM org_unit WHERE id = :id AND kind = 'DISTRICT_OFFICE' AND active")
        .bind("id", districtId).map((row, meta) -> row.get("code", String.class)).one();
  }

  /**
   * One sheet per active school of the district (null: of the province) that has
   * accounts waiting for a password, issued one school after another as the caller
   * reads them, so a province's sheets are never all in memory. Deactivated schools are
   * left out. Each school's passwords are committed before its sheet is produced.
   */
  Flux<Sheet> issueAll(Caller actor, Long districtId) {
    var spec = db.sql("""
            SELECT s.id FROM org_unit s
            WHERE s.kind = 'SCHOOL' AND s.active AND (CAST(:district AS bigint) IS NULL OR s.parent_id = :district)
              AND EXISTS (SELECT 1 FROM account a WHERE a.school_id = s.id AND a.activated_at IS NULL AND a.enabled)
            ORDER BY s.name, s.code""");
    spec = districtId == null ? spec.bindNull("district", Long.class) : spec.bind("district", districtId);
    return spec
        .map((row, meta) -> row.get("id", Long.class))
        .all()
        .collectList()
        .flatMapMany(ids -> Flux.fromIterable(ids).concatMap(id -> issue(actor, id)));
  }

  Mono<Sheet> issue(Caller actor, long schoolId) {
    Instant expires = clock.instant().plus(lifetime);
    return db.sql("SELECT code, name FROM org_unit WHERE id = :id AND kind = 'SCHOOL'").bind("id", schoolId)
        .map((row, meta) -> new String[] {row.get("code", String.class), row.get("name", String.class)}).one()
        .flatMap(school -> waitingAccounts(schoolId).collectList()
            .flatMap(accounts -> Mono.fromCallable(() -> withPasswords(accounts))
                .subscribeOn(Schedulers.boundedElastic()))
            .flatMap(issued -> store(issued, expires)
                .then(audit.record(actor, "CREDENTIALS_ISSUED", "org_unit", schoolId,
                    Map.of("school", school[0], "accounts", issued.size())))
                .thenReturn(issued))
            .as(tx::transactional)
            .map(issued -> new Sheet(school[0], school[1], issued.size(), xlsx(school[1], issued, expires))));
  }

  private record Waiting(long id, String fullName, String username, String position) {
  }

  private record Issued(Waiting account, String password, String hash) {
  }

  private Flux<Waiting> waitingAccounts(long schoolId) {
    return db.sql("""
            SELECT id, full_name, username, position FROM account
            WHERE school_id = :school AND activated_at IS NULL AND enabled ORDER BY full_name FOR UPDATE""")
        .bind("school", schoolId)
        .map((row, meta) -> new Waiting(row.get("id", Long.class), row.get("full_name", String.class),
            row.get("username", String.class), row.get("position", String.class)))
        .all();
  }

  private List<Issued> withPasswords(List<Waiting> accounts) {
    var issued = new ArrayList<Issued>(accounts.size());
    for (Waiting a : accounts) {
      var password = oneTime.issue();
      issued.add(new Issued(a, password.password(), password.hash()));
    }
    return issued;
  }

  private Mono<Void> store(List<Issued> issued, Instant expires) {
    if (issued.isEmpty()) {
      return Mono.empty();
    }
    return db.sql("""
            UPDATE account a SET password_hash = u.hash, must_change_password = TRUE,
                   password_expires_at = :expires, updated_at = now()
            FROM unnest(CAST(:ids AS bigint[]), CAST(:hashes AS text[])) AS u(id, hash) WHERE a.id = u.id""")
        .bind("ids", issued.stream().map(i -> i.account().id()).toArray(Long[]::new))
        .bind("hashes", issued.stream().map(Issued::hash).toArray(String[]::new))
        .bind("expires", expires)
        .then();
  }

  private static byte[] xlsx(String schoolName, List<Issued> issued, Instant expires) {
    String until = vn.bdtx.platform.web.VietnameseFormats.FORMATS.time(expires);
    try (var wb = new SXSSFWorkbook(100); var out = new ByteArrayOutputStream()) {
      var sheet = wb.createSheet("Tài khoản");
      var bold = wb.createCellStyle();
      var font = wb.createFont();
      font.setBold(true);
      bold.setFont(font);
      int r = 0;
      sheet.createRow(r++).createCell(0).setCellValue("Phiếu tài khoản BDTX — " + schoolName);
      sheet.createRow(r++).createCell(0).setCellValue(
          "Mật khẩu dùng một lần, hết hạn lúc " + until + "; phải đổi ở lần đăng nhập đầu tiên. Phiếu tải sau sẽ thay phiếu này.");
      var header = sheet.createRow(r++);
      String[] titles = {"STT", "Họ và tên", "Tên đăng nhập", "Mật khẩu ban đầu", "Chức vụ"};
      for (int i = 0; i < titles.length; i++) {
        var cell = header.createCell(i);
        cell.setCellValue(titles[i]);
        cell.setCellStyle(bold);
      }
      int n = 1;
      for (Issued i : issued) {
        var row = sheet.createRow(r++);
        row.createCell(0).setCellValue(n++);
        // Text cells: nothing a person typed is ever written as a formula.
        row.createCell(1).setCellValue(i.account().fullName());
        row.createCell(2).setCellValue(i.account().username());
        row.createCell(3).setCellValue(i.password());
        row.createCell(4).setCellValue("MANAGER".equals(i.account().position()) ? "CBQL" : "GV");
      }
      for (int c = 0; c < titles.length; c++) {
        sheet.setColumnWidth(c, c == 0 ? 6 * 256 : 28 * 256);
      }
      wb.write(out);
      wb.dispose();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
