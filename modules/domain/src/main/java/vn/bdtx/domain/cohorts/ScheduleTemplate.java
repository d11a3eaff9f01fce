package vn.bdtx.domain.cohorts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a cohort's days are split: self-study, meetings, finishing (5+3+7 by
 * default, seed 001 §4), the days within self-study to register the main subject
 * (2), and the extra days a reference enrollment may run past the end (15).
 */
public record ScheduleTemplate(int selfStudyDays, int meetingDays, int finishingDays, int registrationDays,
                               int referenceExtraDays) {

  public static final ScheduleTemplate DEFAULT = new ScheduleTemplate(5, 3, 7, 2, 15);
  /** Longest phase and longest reference extension a template may set. */
  public static final int MAX_PHASE_DAYS = 60;
  private static final Pattern SPLIT = Pattern.compile("\\s*(\\d{1,3})\\s*\\+\\s*(\\d{1,3})\\s*\\+\\s*(\\d{1,3})\\s*");

  public enum Problem { BAD_FORMAT, PHASE_OUT_OF_RANGE, REGISTRATION_OUT_OF_RANGE, REFERENCE_OUT_OF_RANGE }

  public ScheduleTemplate {
    if (!problems(selfStudyDays, meetingDays, finishingDays, registrationDays, referenceExtraDays).isEmpty()) {
      throw new IllegalArgumentException("schedule template " + selfStudyDays + "+" + meetingDays + "+" + finishingDays
          + " registration " + registrationDays + " reference +" + referenceExtraDays);
    }
  }

  /** Reads "5+3+7" (registration 2 days, capped at the self-study days; reference +15). */
  public static Optional<ScheduleTemplate> parse(String text) {
    var m = SPLIT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int a = Integer.parseInt(m.group(1));
    int b = Integer.parseInt(m.group(2));
    int c = Integer.parseInt(m.group(3));
    int registration = Math.min(DEFAULT.registrationDays, Math.max(a, 1));
    if (!problems(a, b, c, registration, DEFAULT.referenceExtraDays).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ScheduleTemplate(a, b, c, registration, DEFAULT.referenceExtraDays));
  }

  /** What is wrong with these numbers; empty when they make a template. */
  public static List<Problem> problems(int selfStudyDays, int meetingDays, int finishingDays, int registrationDays,
                                       int referenceExtraDays) {
    var problems = new ArrayList<Problem>();
    if (!inRange(selfStudyDays, 1) || !inRange(meetingDays, 0) || !inRange(finishingDays, 1)) {
      problems.add(Problem.PHASE_OUT_OF_RANGE);
    }
    if (registrationDays < 1 || registrationDays > selfStudyDays) {
      problems.add(Problem.REGISTRATION_OUT_OF_RANGE);
    }
    if (!inRange(referenceExtraDays, 0)) {
      problems.add(Problem.REFERENCE_OUT_OF_RANGE);
    }
    return problems;
  }

  private static boolean inRange(int days, int min) {
    return days >= min && days <= MAX_PHASE_DAYS;
  }

  public int totalDays() {
    return selfStudyDays + meetingDays + finishingDays;
  }

  /** The phase of day {@code day} (1-based) of the cohort; outside 1..total it is NOT_STARTED or past the end. */
  public Phase phaseOfDay(int day) {
    if (day < 1) {
      return Phase.NOT_STARTED;
    }
    if (day <= selfStudyDays) {
      return Phase.SELF_STUDY;
    }
    if (day <= selfStudyDays + meetingDays) {
      return Phase.MEETINGS;
    }
    if (day <= totalDays()) {
      return Phase.FINISHING;
    }
    return Phase.ENDED;
  }

  /** "5+3+7". */
  public String label() {
    return selfStudyDays + "+" + meetingDays + "+" + finishingDays;
  }
}
