package vn.bdtx.domain.community;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.bdtx.domain.cohorts.CohortSchedule;
import vn.bdtx.domain.cohorts.Window;

/**
 * When and where a group's professional meeting (sinh hoạt chuyên môn) may be
 * held: in the meeting days of the class (days 6–8 of the default 5+3+7
 * template, seed 001 §4), at school or cluster level, at a place or through an
 * online link (https only, so a learner's phone never opens a plain-text or
 * script link). A scheduled meeting may be changed until it begins.
 */
public final class MeetingRules {

  /** Where the meeting gathers: one school, or the schools of a cluster. */
  public enum Level { SCHOOL, CLUSTER }

  /** Why a schedule is refused; the web layer names each in Vietnamese. */
  public enum Problem {
    LEVEL_MISSING, DATE_MISSING, TIME_MISSING, PLACE_OR_LINK_MISSING, PLACE_TOO_LONG, LINK_NOT_HTTPS, LINK_INVALID,
    /** The class has no meeting days (its template has none). */
    NO_MEETING_DAYS,
    /** The date and time are outside the meeting days. */
    OUTSIDE_MEETING_DAYS,
    /** The meeting has begun (or attendance is recorded): it can no longer be moved. */
    ALREADY_HELD
  }

  public static final int MAX_PLACE = 300;
  public static final int MAX_LINK = 500;

  private static final java.util.regex.Pattern HTTPS = java.util.regex.Pattern.compile(
      "(?i)https://[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\\d{1,5})?(?:[/?#]\\S*)?");

  /** A schedule as asked: every field may be missing or wrong. */
  public record Request(String level, LocalDate date, LocalTime time, String place, String link) {
  }

  /** A schedule accepted: the instant it begins and a clean place or link. */
  public record Accepted(Level level, Instant startsAt, String place, String link) {
  }

  /** Either the accepted schedule or what is wrong with it (nothing is saved then). */
  public record Decision(Optional<Accepted> accepted, List<Problem> problems) {
    public boolean ok() {
      return accepted.isPresent();
    }
  }

  private MeetingRules() {
  }

  /**
   * @param meetingDays the class's meeting days (empty when its template has none)
   * @param current     when the meeting already scheduled begins (null when scheduling a new one)
   * @param recorded    attendance has been recorded
   */
  public static Decision decide(Optional<Window> meetingDays, Request r, Instant current, boolean recorded, Instant now) {
    var problems = new ArrayList<Problem>();
    if (recorded || current != null && !now.isBefore(current)) {
      return new Decision(Optional.empty(), List.of(Problem.ALREADY_HELD));
    }
    Level level = null;
    try {
      level = r.level() == null || r.level().isBlank() ? null : Level.valueOf(r.level().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      level = null;
    }
    if (level == null) {
      problems.add(Problem.LEVEL_MISSING);
    }
    if (r.date() == null) {
      problems.add(Problem.DATE_MISSING);
    }
    if (r.time() == null) {
      problems.add(Problem.TIME_MISSING);
    }
    String place = clean(r.place());
    String link = clean(r.link());
    if (place == null && link == null) {
      problems.add(Problem.PLACE_OR_LINK_MISSING);
    }
    if (place != null && place.length() > MAX_PLACE) {
      problems.add(Problem.PLACE_TOO_LONG);
    }
    if (link != null) {
      linkProblem(link).ifPresent(problems::add);
    }
    Instant startsAt = null;
    if (r.date() != null && r.time() != null) {
      startsAt = r.date().atTime(r.time()).atZone(CohortSchedule.ZONE).toInstant();
      if (meetingDays.isEmpty()) {
        problems.add(Problem.NO_MEETING_DAYS);
      } else if (!meetingDays.get().contains(startsAt)) {
        problems.add(Problem.OUTSIDE_MEETING_DAYS);
      }
    }
    if (!problems.isEmpty()) {
      return new Decision(Optional.empty(), List.copyOf(problems));
    }
    return new Decision(Optional.of(new Accepted(level, startsAt, place, link)), List.of());
  }

  /** What is wrong with an online meeting's link, if anything: only an absolute https address with a host. */
  public static Optional<Problem> linkProblem(String link) {
    if (link.length() > MAX_LINK || link.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>')) {
      return Optional.of(Problem.LINK_INVALID);
    }
    if (!link.toLowerCase(Locale.ROOT).startsWith("https://")) {
      return Optional.of(Problem.LINK_NOT_HTTPS);
    }
    // https://host[:port][/path?query#fragment], the host made of letters, digits, dots and hyphens.
    if (!HTTPS.matcher(link).matches()) {
      return Optional.of(Problem.LINK_INVALID);
    }
    return Optional.empty();
  }

  private static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.replaceAll("\\p{Cntrl}", " ").strip();
    return t.isEmpty() ? null : t;
  }
}
