package vn.bdtx.platform.audit;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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

  /**
   * The name of each of these ids of {@code kind}, in the reader's language, read in one query (or two); ids no
   * longer found are left out. A kind not named here, or no ids, is answered with no names without a query.
   */
  default Mono<Map<Long, String>> names(String kind, Collection<Long> ids, Locale locale) {
    Long[] distinct = ids.stream().filter(Objects::nonNull).distinct().toArray(Long[]::new);
    if (!kinds().contains(kind) || distinct.length == 0) {
      return Mono.just(Map.of());
    }
    return find(kind, distinct, locale);
  }

  /**
   * What each namer writes: the names of {@code ids} (distinct, at least one, for {@code = ANY(:ids)}) of
   * {@code kind}, one of {@link #kinds()}. Names that need words as well as data ("lần nộp 2, lúc …") take them
   * from the bundles in {@code locale}; the others are data only (a person, a class, a title).
   */
  Mono<Map<Long, String>> find(String kind, Long[] ids, Locale locale);
}
