package vn.bdtx.domain.community;

import java.util.List;
import java.util.Set;

/**
 * Which notices also go out by e-mail. Only those a person must not miss: an answer to their question, a return
 * for revision (they must hand in again before the deadline), a certificate, an announcement. Grades, meetings and
 * peer-support decisions stay in the app. Reminders are e-mailed by the schedule's reminder job itself (cohorts),
 * once per reminder, so their notice is never e-mailed a second time. Every e-mailed kind is on by default; each
 * person may turn any of them off.
 */
public final class NoticeMail {

  /** The kinds e-mailed, in the order the settings page lists them (names of community's notice kinds). */
  public static final List<String> EMAILED = List.of("ANSWER", "RETURNED", "CERTIFICATE", "ANNOUNCEMENT");

  private NoticeMail() {
  }

  /** Whether a notice of this kind is e-mailed when the person has not turned it off. */
  public static boolean emailedByDefault(String kind) {
    return EMAILED.contains(kind);
  }

  /** Whether a notice of this kind is e-mailed to a person who turned off {@code turnedOff}. */
  public static boolean sends(String kind, Set<String> turnedOff) {
    return emailedByDefault(kind) && !turnedOff.contains(kind);
  }
}
