package vn.bdtx.reporting.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.support.BdtxIntegrationTest;
import vn.bdtx.support.Sql;
import vn.bdtx.support.TestAccounts;
import vn.bdtx.support.WebSession;

/**
 * A province-sized export streams: 60,000 teachers, each with a certificate, go out
 * as a CSV and an XLSX that the test reads chunk by chunk as they arrive, counting
 * and releasing each buffer, never holding the file. (Its speed is the national
 * benchmark's to measure, not this test's.)
 */
@BdtxIntegrationTest
@DirtiesContext
class LargeExportTest {

  static final int TEACHERS = 60_000;
  static final String PW = "bao cao ca tinh";

  @Autowired WebTestClient web;
  @Autowired DatabaseClient db;
  @Autowired PasswordEncoder encoder;

  @Test
  void sixtyThousandCertificatesStreamAsCsvAndXlsx() {
    new TestAccounts(db, encoder).create("so.toan-tinh", PW, Role.SUPERVISOR);
    var rows = new ReportRows(db);
    rows.department(1, "Sở GD&ĐT");
    rows.district(2, "Phòng GD&ĐT", 1);
    rows.school(3, "Trường THCS", 2, 1);
    rows.cohort(10, 5L, "Đợt toàn tỉnh", "GV-04", java.time.LocalDate.of(2025, 10, 6));
    // The teachers' ids lie far above the real accounts': the read model also gets the supervisor created above,
    // projected from its account by the reporting context whenever its event is handled, before or after these rows.
    Sql.run(db, """
        INSERT INTO report_person (account_id, username, full_name, date_of_birth, school_id, district_id, province_id, level, position)
        SELECT n, 'gv' || n, 'Nguyễn Văn Thành ' || n, DATE '1970-01-01' + (n % 9000), 3, 2, 1, 'LOWER_SECONDARY', 'TEACHER'
        FROM generate_series(9500001, 9500000 + $1) n""", TEACHERS);
    Sql.run(db, """
        INSERT INTO report_enrollment (enrollment_id, account_id, cohort_id, run_id, module_code, school_year, main, school_id,
          district_id, province_id, deadline, outcome, certificate_number, certificate_issued_at, refreshed_at)
        SELECT n, n, 10, 5, 'GV-04', '2025-2026', TRUE, 3, 2, 1, DATE '2025-10-20', 'COMPLETED',
          'GV04-2025-' || lpad((n - 9500000)::text, 6, '0') || '-ABCD', TIMESTAMPTZ '2025-10-25 09:00+07', now()
        FROM generate_series(9500001, 9500000 + $1) n""", TEACHERS);
    var session = WebSession.loggedIn(web, "so.toan-tinh", PW);

    var csv = stream(session, "/reports/exports/certificates.csv?year=2025-2026");
    assertThat(csv.lines()).as("the header and one line per certificate").isEqualTo(TEACHERS + 1);
    assertThat(csv.buffers()).as("sent in many chunks, not one body").isGreaterThan(10);

    var xlsx = stream(session, "/reports/exports/certificates.xlsx?year=2025-2026");
    assertThat(xlsx.first()).as("a ZIP container").isEqualTo((byte) 'P');
    assertThat(xlsx.bytes()).isGreaterThan(1_000_000);
    assertThat(xlsx.buffers()).isGreaterThan(10);

    var results = stream(session, "/reports/exports/results.csv?run=5");
    assertThat(results.lines()).isEqualTo(3);
  }

  record Streamed(long bytes, long lines, long buffers, byte first) {
  }

  /** Reads the response as it comes, buffer by buffer, releasing each: only counts are kept. */
  private Streamed stream(WebSession session, String path) {
    var bytes = new AtomicLong();
    var lines = new AtomicLong();
    var buffers = new AtomicLong();
    var first = new byte[1];
    web.mutate().responseTimeout(Duration.ofMinutes(5)).build()
        .get().uri(path).cookie(WebSession.COOKIE, session.sessionId()).exchange()
        .expectStatus().isOk()
        .returnResult(DataBuffer.class).getResponseBody()
        .doOnNext(b -> {
          try {
            if (bytes.get() == 0 && b.readableByteCount() > 0) {
              first[0] = b.getByte(b.readPosition());
            }
            for (int i = b.readPosition(); i < b.writePosition(); i++) {
              if (b.getByte(i) == '\n') {
                lines.incrementAndGet();
              }
            }
            bytes.addAndGet(b.readableByteCount());
            buffers.incrementAndGet();
          } finally {
            DataBufferUtils.release(b);
          }
        })
        .blockLast(Duration.ofMinutes(5));
    return new Streamed(bytes.get(), lines.get(), buffers.get(), first[0]);
  }
}
