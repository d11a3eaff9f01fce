package vn.bdtx.platform.events;

/**
 * The topics owners publish on; each names the kind of thing whose id is the
 * event's subject. Publishers name a topic here, never a consumer.
 */
public final class Topics {

  /** An enrollment's figures moved: enrolled, moved, studied, attempted, submitted, graded, evaluated, certified (enrollment id). */
  public static final String ENROLLMENT = "enrollment";
  /** A class was opened or changed: its row and all its enrollments (cohort id). */
  public static final String COHORT = "cohort";
  /** A person was created or changed: name, birth date, school, level, position, enabled (account id). */
  public static final String ACCOUNT = "account";
  /** A unit was created, moved, renamed or (de)activated (org unit id). */
  public static final String ORG_UNIT = "org_unit";
  /** A person's exemption or reduction was set or cleared (account id). */
  public static final String EXEMPTION = "exemption";

  private Topics() {
  }
}
