package vn.bdtx.catalog;

import java.time.Instant;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.CourseLevel;
import vn.bdtx.platform.security.Caller;

/**
 * A course (khóa học theo môn): one module × level × subject, its owner (the
 * lecturer who edits it; none for a course kept as files) and its draft.
 */
public record Course(long id, String moduleCode, CourseLevel level, String subject, String title, Long ownerId,
                     String sourceDir, int revision, CourseContent draft, Instant updatedAt,
                     Integer latestVersion) {

  /** Only the owning lecturer edits; a file course is edited in its files. */
  public boolean editableBy(Caller caller) {
    return ownerId != null && ownerId == caller.accountId() && caller.hasRole(Role.LECTURER);
  }

  /** The owner, supervisors and IT admins see a course's draft and versions. */
  public boolean visibleTo(Caller caller) {
    return editableBy(caller) || caller.hasRole(Role.SUPERVISOR) || caller.hasRole(Role.IT_ADMIN)
        || (ownerId == null && caller.hasRole(Role.LECTURER));
  }

  public boolean fromFiles() {
    return sourceDir != null;
  }
}
