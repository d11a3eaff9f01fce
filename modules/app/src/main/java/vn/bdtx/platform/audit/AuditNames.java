package vn.bdtx.platform.audit;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * How the audit log names what its events point at: a context names the things of its own (a learner's
 * enrollment by the learner and the class, a course by its title), so the log page shows what an official
 * recognises instead of an internal number. The page asks each kind once for all the ids it shows, not row
 * by row; the platform never reads a context's tables itself (DESIGN §5).
 */
public interface AuditNames {

  /** The kinds of thing named here, as events record them ({@code audit_event.target_type}, e.g. "enrollment"). */
  Set<String> kinds();

  /** The name of each of these ids of {@code kind}, read in one query (or two); ids no longer found are left out. */
  Mono<Map<Long, String>> names(String kind, Collection<Long> ids);

  /**
   * The names in the reader's language, for a namer whose names need words as well as data ("lần nộp 2, lúc …");
   * by default the names of {@link #names(String, Collection)}, which are data only (a person, a class, a title).
   */
  default Mono<Map<Long, String>> names(String kind, Collection<Long> ids, Locale locale) {
    return names(kind, ids);
  }

  /** The distinct ids as an array for {@code = ANY(:ids)}. */
  static Long[] distinct(Collection<Long> ids) {
    return ids.stream().filter(java.util.Objects::nonNull).distinct().toArray(Long[]::new);
  }
}
