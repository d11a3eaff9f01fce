package vn.bdtx.catalog;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The answer to a save of a course draft, which is guarded by its revision ({@link Courses#saveDraft}): what follows a
 * save, or — when someone saved the draft in between — 409 with {@code catalog.course.problem.changed} and the page again, so
 * what was typed stays on it. One place for the branch every editing route of the lecturer ends with.
 */
final class DraftSaves {

  private DraftSaves() {
  }

  /** The redirect when saved, otherwise the conflict and the page. */
  static Mono<String> answer(Courses.Saved saved, String redirect, ServerWebExchange exchange, Model model,
                             Supplier<Mono<String>> page) {
    return answer(saved, () -> Mono.just(redirect), exchange, model, page);
  }

  /** {@code whenSaved} when saved, otherwise the conflict and the page. */
  static Mono<String> answer(Courses.Saved saved, Supplier<Mono<String>> whenSaved, ServerWebExchange exchange, Model model,
                             Supplier<Mono<String>> page) {
    return saved == Courses.Saved.SAVED ? whenSaved.get() : conflict(exchange, model, page);
  }

  /** The draft changed since the form was sent (the revision differs): 409, the note, and the page (built after both). */
  static Mono<String> conflict(ServerWebExchange exchange, Model model, Supplier<Mono<String>> page) {
    exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
    model.addAttribute("problems", List.of(Note.of("catalog.course.problem.changed")));
    return page.get();
  }
}
