package vn.bdtx.domain.community;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When a run's plan and report are due. Seed 001 (8.3): the plan goes up "khi bắt đầu đợt bồi dưỡng", the report
 * "sau đợt bồi dưỡng" (module 2: by 10/8/2021, about two weeks after its classes). Defaults: the plan by the end of
 * the day before the run's first class starts, the report by the end of the {@value #REPORT_DAYS_AFTER}th day after
 * its last class ends; a supervisor may set other dates. A late paper is accepted and marked late.
 */
public record PeerSupportDue(LocalDate plan, LocalDate report) {

  public static final int REPORT_DAYS_AFTER = 14;
  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  /** The defaults from the run's classes: the first start and the last day; null dates when the run has no class. */
  public static PeerSupportDue defaults(LocalDate firstStart, LocalDate lastDay) {
    return new PeerSupportDue(firstStart == null ? null : firstStart.minusDays(1),
        lastDay == null ? null : lastDay.plusDays(REPORT_DAYS_AFTER));
  }

  /** The day this kind is due, or null when none is known. */
  public LocalDate of(PeerSupportKind kind) {
    return kind == PeerSupportKind.PLAN ? plan : report;
  }

  /** The last instant a paper of this kind is on time (the end of its due day, Vietnam time); null when none. */
  public Instant deadline(PeerSupportKind kind) {
    LocalDate d = of(kind);
    return d == null ? null : d.atTime(LocalTime.MAX).atZone(ZONE).toInstant();
  }

  /** Whether a paper handed in at {@code at} is late. */
  public boolean late(PeerSupportKind kind, Instant at) {
    Instant deadline = deadline(kind);
    return deadline != null && at.isAfter(deadline);
  }
}
