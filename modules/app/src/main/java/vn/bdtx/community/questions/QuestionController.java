package vn.bdtx.community.questions;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.assignments.Submissions;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.community.EscalationTarget;
import vn.bdtx.domain.community.QuestionRules;
import vn.bdtx.domain.community.QuestionState;
import vn.bdtx.domain.community.Responder;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.StorageUnavailable;
import vn.bdtx.platform.web.NotFound;
import vn.bdtx.platform.web.StoreRedirect;

/**
 * A class's questions (/cohorts/{id}/questions), one question (/questions/{id}) with what the caller may do to
 * it, its file, and the queue of those who answer (/questions/queue). Scope first, on the server: a learner
 * reaches their own questions and the class's answered ones, a core teacher their groups', assistants and the
 * lecturer their classes', an escalation target what was escalated to them; anything else is 404.
 */
@Controller
class QuestionController {

  private final Questions questions;
  private final Seats seats;
  private final vn.bdtx.accounts.People people;
  private final Clock clock;

  QuestionController(Questions questions, Seats seats, vn.bdtx.accounts.People people, Clock clock) {
    this.questions = questions;
    this.seats = seats;
    this.people = people;
    this.clock = clock;
  }

  @GetMapping("/cohorts/{id}/questions")
  Mono<String> cohort(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return seats.inClass(caller, id).filter(s -> s.learner() || s.staff()).flatMap(s -> cohortPage(caller, s, model))
        .as(NotFound::orNotFound);
  }

  private Mono<String> cohortPage(Caller caller, Seats.InClass seat, Model model) {
    model.addAttribute("cohortId", seat.cohortId());
    model.addAttribute("learner", seat.learner());
    model.addAttribute("staff", seat.staff());
    model.addAttribute("formKey", UUID.randomUUID());
    model.addAttribute("maxFile", vn.bdtx.platform.storage.FileTypes.human(questions.maxFile));
    Mono<List<Question>> mine = seat.learner() ? questions.ofAsker(seat.cohortId(), caller.accountId()) : Mono.just(List.of());
    Mono<List<Question>> answered = seat.learner() ? questions.answeredInClass(seat.cohortId(), caller.accountId()) : Mono.just(List.of());
    Mono<List<Question>> staff = seat.staff() ? questions.forStaff(seat.cohortId(), seat.whole(), seat.groups()) : Mono.just(List.of());
    return Mono.zip(mine, answered, staff, seats.moduleOf(seat.cohortId()).defaultIfEmpty(""))
        .flatMap(t -> names(t.getT3().stream().map(Question::askerId).toList()).map(names -> {
          model.addAttribute("mine", t.getT1());
          model.addAttribute("answered", t.getT2());
          model.addAttribute("all", t.getT3());
          model.addAttribute("names", names);
          model.addAttribute("moduleCode", t.getT4());
          return "community/questions/cohort";
        }));
  }

  private Mono<Map<Long, String>> names(List<Long> ids) {
    return people.byIds(ids.stream().distinct().toList()).collectMap(vn.bdtx.accounts.People.Facts::id,
        vn.bdtx.accounts.People.Facts::fullName);
  }

  /** The learner asks: {@code key} (the form's one-time key), {@code body}, optionally one {@code file}. */
  @PostMapping("/cohorts/{id}/questions")
  Mono<String> ask(@AuthenticationPrincipal Caller caller, @PathVariable long id, ServerWebExchange exchange, Model model) {
    Instant now = clock.instant();
    return seats.inClass(caller, id).filter(Seats.InClass::learner).flatMap(seat -> exchange.getMultipartData().flatMap(parts -> {
      UUID key = uuid(parts.getFirst("key"));
      String body = field(parts, "body");
      if (key == null) {
        return refuse(caller, seat, exchange, model, "community.questions.refusal.NO_KEY", body);
      }
      Optional<FilePart> file = parts.getOrDefault("file", List.of()).stream()
          .filter(p -> p instanceof FilePart fp && fp.filename() != null && !fp.filename().isBlank())
          .map(p -> (FilePart) p).findFirst();
      List<Path> temps = new ArrayList<>();
      Mono<Optional<Submissions.Received>> received = file.isEmpty() ? Mono.just(Optional.empty())
          : Submissions.receive(file.get(), temps).map(Optional::of);
      return received.flatMap(f -> questions.ask(seat.enrollment(), key, body, f.orElse(null), now))
          .flatMap(asked -> asked instanceof Questions.Asked.Stored stored
              ? questions.tellStaff(stored.id(), seats, now).thenReturn("redirect:/questions/" + stored.id() + "?asked")
              : refuse(caller, seat, exchange, model, ((Questions.Asked.Refused) asked).reason(), body))
          // The store down or the disk full: the page says nothing was stored, and the question's text is kept.
          .onErrorResume(e -> StorageUnavailable.of(e).isPresent(), e -> refuse(caller, seat, exchange, model,
              HttpStatus.SERVICE_UNAVAILABLE, "platform.error.503.storage.save", body))
          .doFinally(signal -> Submissions.delete(temps));
    })).as(NotFound::orNotFound);
  }

  private Mono<String> refuse(Caller caller, Seats.InClass seat, ServerWebExchange exchange, Model model, String problem, String body) {
    return refuse(caller, seat, exchange, model, HttpStatus.UNPROCESSABLE_ENTITY, problem, body);
  }

  private Mono<String> refuse(Caller caller, Seats.InClass seat, ServerWebExchange exchange, Model model, HttpStatus status,
                              String problem, String body) {
    exchange.getResponse().setStatusCode(status);
    model.addAttribute("problem", problem);
    model.addAttribute("body", body);
    return cohortPage(caller, seat, model);
  }

  private static String field(MultiValueMap<String, Part> parts, String name) {
    return parts.getFirst(name) instanceof FormFieldPart f ? f.value() : "";
  }

  private static UUID uuid(Part part) {
    if (!(part instanceof FormFieldPart field)) {
      return null;
    }
    try {
      return UUID.fromString(field.value().strip());
    } catch (IllegalArgumentException ex) {
      return null;
    }
  }

  /** The question with the caller's seat: who may read it, and as whom they may respond. */
  record Reached(Question question, Seats.InClass seat, Optional<Responder> responder) {
    boolean asker(Caller caller) {
      return question.askerId() == caller.accountId();
    }
  }

  Mono<Reached> reach(Caller caller, long id) {
    return questions.find(id).flatMap(q -> seats.inClass(caller, q.cohortId()).flatMap(seat -> {
      var responder = seats.responder(caller, seat, q);
      boolean asker = q.askerId() == caller.accountId();
      boolean classmate = seat.learner() && q.state() == QuestionState.ANSWERED;
      return asker || classmate || responder.isPresent() ? Mono.just(new Reached(q, seat, responder)) : Mono.empty();
    }));
  }

  @GetMapping("/questions/{id}")
  Mono<String> question(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return reach(caller, id).flatMap(r -> page(caller, r, model)).as(NotFound::orNotFound);
  }

  private Mono<String> page(Caller caller, Reached r, Model model) {
    var q = r.question();
    Mono<Optional<Question>> into = q.mergedInto() == null ? Mono.just(Optional.empty())
        : questions.find(q.mergedInto()).map(Optional::of).defaultIfEmpty(Optional.empty());
    Mono<Optional<FaqEntry>> faq = q.mergedFaq() != null ? questions.faqEntry(q.mergedFaq()).map(Optional::of).defaultIfEmpty(Optional.empty())
        : questions.faqOf(q.id()).map(Optional::of).defaultIfEmpty(Optional.empty());
    List<Long> ids = new ArrayList<>(List.of(q.askerId()));
    if (q.answeredBy() != null) {
      ids.add(q.answeredBy());
    }
    return Mono.zip(into, faq, names(ids), seats.moduleOf(q.cohortId()).defaultIfEmpty("")).map(t -> {
      Instant now = clock.instant();
      var responder = r.responder().orElse(null);
      boolean staff = responder != null;
      model.addAttribute("q", q);
      model.addAttribute("staff", staff);
      model.addAttribute("asker", r.asker(caller));
      model.addAttribute("askerName", staff ? t.getT3().get(q.askerId()) : null);
      model.addAttribute("answeredByName", q.answeredBy() == null ? null : t.getT3().get(q.answeredBy()));
      model.addAttribute("into", t.getT1().orElse(null));
      model.addAttribute("faq", t.getT2().orElse(null));
      model.addAttribute("moduleCode", t.getT4());
      model.addAttribute("canAnswer", staff && QuestionRules.answer(q.state(), q.escalatedTo(), responder, "x").isEmpty());
      model.addAttribute("canEscalate", staff && QuestionRules.escalate(q.state(), responder, "x").isEmpty());
      model.addAttribute("canMerge", staff && QuestionRules.merge(q.state(), responder, q.id(), null, null).isEmpty());
      model.addAttribute("canPublish", staff && t.getT2().isEmpty() && q.mergedFaq() == null
          && QuestionRules.publish(q.state(), q.answeredBy() != null && q.answeredBy() == caller.accountId(), responder).isEmpty());
      model.addAttribute("targets", EscalationTarget.values());
      model.addAttribute("due", questions.answerTime.due(q.askedAt(), q.escalatedAt()));
      model.addAttribute("overdue", questions.answerTime.overdue(q.state(), q.askedAt(), q.escalatedAt(), now));
      return "community/questions/question";
    });
  }

  /** The question's file, for whoever may read the question: 303 to a short-lived link of the store. */
  @GetMapping("/questions/{id}/file")
  Mono<ResponseEntity<Void>> file(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
    return reach(caller, id).map(Reached::question).filter(Question::hasFile).flatMap(questions::url).map(StoreRedirect::to)
        .as(NotFound::orNotFound);
  }

  /** Form of an answer, an escalation, a merge or a publication. */
  static final class ActionForm {
    private String text = "";
    private String target = "";
    private String into = "";
    private String intoKind = "QUESTION";
    private String questionText = "";
    private String answerText = "";

    public String getText() { return text; }
    public void setText(String text) { this.text = text == null ? "" : text; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target == null ? "" : target; }
    public String getInto() { return into; }
    public void setInto(String into) { this.into = into == null ? "" : into; }
    public String getIntoKind() { return intoKind; }
    public void setIntoKind(String v) { this.intoKind = v == null ? "QUESTION" : v; }
    public String getQuestionText() { return questionText; }
    public void setQuestionText(String v) { this.questionText = v == null ? "" : v; }
    public String getAnswerText() { return answerText; }
    public void setAnswerText(String v) { this.answerText = v == null ? "" : v; }
  }

  private Mono<Reached> responding(Caller caller, long id) {
    return reach(caller, id).filter(r -> r.responder().isPresent()).as(NotFound::orNotFound);
  }

  private Mono<String> refused(Caller caller, Reached r, QuestionRules.Refusal why, ServerWebExchange exchange, Model model) {
    exchange.getResponse().setStatusCode(why == QuestionRules.Refusal.ALREADY_ANSWERED || why == QuestionRules.Refusal.MERGED
        ? HttpStatus.CONFLICT : why == QuestionRules.Refusal.NOT_YOURS ? HttpStatus.FORBIDDEN : HttpStatus.UNPROCESSABLE_ENTITY);
    model.addAttribute("problem", "community.questions.refusal." + why);
    return page(caller, r, model);
  }

  @PostMapping("/questions/{id}/answer")
  Mono<String> answer(@AuthenticationPrincipal Caller caller, @PathVariable long id, ActionForm form, ServerWebExchange exchange,
                      Model model) {
    return responding(caller, id).flatMap(r -> {
      var q = r.question();
      var why = QuestionRules.answer(q.state(), q.escalatedTo(), r.responder().get(), form.getText());
      if (why.isPresent()) {
        return refused(caller, r, why.get(), exchange, model);
      }
      return questions.answer(q, caller, form.getText(), clock.instant()).flatMap(done -> done
          ? Mono.just("redirect:/questions/" + id + "?answered")
          : reach(caller, id).flatMap(again -> refused(caller, again, QuestionRules.Refusal.ALREADY_ANSWERED, exchange, model)));
    });
  }

  @PostMapping("/questions/{id}/escalate")
  Mono<String> escalate(@AuthenticationPrincipal Caller caller, @PathVariable long id, ActionForm form, ServerWebExchange exchange,
                        Model model) {
    return responding(caller, id).flatMap(r -> {
      var q = r.question();
      EscalationTarget to;
      try {
        to = EscalationTarget.valueOf(form.getTarget());
      } catch (IllegalArgumentException e) {
        exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
        model.addAttribute("problem", "community.questions.refusal.NO_TARGET");
        return page(caller, r, model);
      }
      var why = QuestionRules.escalate(q.state(), r.responder().get(), form.getText());
      if (why.isPresent()) {
        return refused(caller, r, why.get(), exchange, model);
      }
      Instant now = clock.instant();
      return questions.escalate(q, caller, to, form.getText(), now)
          .flatMap(done -> done ? questions.tellStaff(id, seats, now) : Mono.empty())
          .thenReturn("redirect:/questions/" + id + "?escalated");
    });
  }

  /** {@code into}: the number of another question of the class, or ({@code intoKind} FAQ) of an FAQ entry of the module. */
  @PostMapping("/questions/{id}/merge")
  Mono<String> merge(@AuthenticationPrincipal Caller caller, @PathVariable long id, ActionForm form, ServerWebExchange exchange,
                     Model model) {
    return responding(caller, id).flatMap(r -> {
      var q = r.question();
      String raw = form.getInto().strip();
      boolean faq = "FAQ".equals(form.getIntoKind());
      long target;
      try {
        target = Long.parseLong(raw.replaceAll("[^0-9]", ""));
      } catch (NumberFormatException e) {
        exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
        model.addAttribute("problem", "community.questions.refusal.NO_TARGET");
        return page(caller, r, model);
      }
      Mono<String> notFound = Mono.defer(() -> {
        exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
        model.addAttribute("problem", "community.questions.refusal.NO_TARGET");
        return page(caller, r, model);
      });
      if (faq) {
        return seats.moduleOf(q.cohortId()).flatMap(module -> questions.faqEntry(target).filter(f -> f.moduleCode().equals(module)))
            .flatMap(f -> {
              var why = QuestionRules.merge(q.state(), r.responder().get(), q.id(), null, null);
              return why.isPresent() ? refused(caller, r, why.get(), exchange, model)
                  : questions.merge(q, null, f, clock.instant()).thenReturn("redirect:/questions/" + id + "?merged");
            }).switchIfEmpty(notFound);
      }
      return questions.find(target).filter(other -> other.cohortId() == q.cohortId()).flatMap(other -> {
        var why = QuestionRules.merge(q.state(), r.responder().get(), q.id(), other.id(), other.state());
        return why.isPresent() ? refused(caller, r, why.get(), exchange, model)
            : questions.merge(q, other, null, clock.instant()).thenReturn("redirect:/questions/" + id + "?merged");
      }).switchIfEmpty(notFound);
    });
  }

  /** One click: the question and its answer (wording optionally edited) become an entry of the module's FAQ. */
  @PostMapping("/questions/{id}/faq")
  Mono<String> publish(@AuthenticationPrincipal Caller caller, @PathVariable long id, ActionForm form, ServerWebExchange exchange,
                       Model model) {
    return responding(caller, id).flatMap(r -> {
      var q = r.question();
      var why = QuestionRules.publish(q.state(), q.answeredBy() != null && q.answeredBy() == caller.accountId(), r.responder().get());
      if (why.isPresent()) {
        return refused(caller, r, why.get(), exchange, model);
      }
      String questionText = form.getQuestionText().isBlank() ? q.body() : form.getQuestionText();
      String answerText = form.getAnswerText().isBlank() ? q.answer() : form.getAnswerText();
      var textWhy = QuestionRules.text(questionText).or(() -> QuestionRules.text(answerText));
      if (textWhy.isPresent()) {
        return refused(caller, r, textWhy.get(), exchange, model);
      }
      return seats.moduleOf(q.cohortId())
          .flatMap(module -> questions.publish(q, module, caller, questionText, answerText, clock.instant())
              .thenReturn("redirect:/modules/" + module + "/faq?published"));
    });
  }

  @GetMapping("/questions/queue")
  Mono<String> queue(@AuthenticationPrincipal Caller caller, Model model) {
    if (!(caller.hasRole(Role.LECTURER) || caller.hasRole(Role.ASSISTANT) || caller.hasRole(Role.CORE_TEACHER)
        || caller.hasRole(Role.SUPERVISOR) || caller.hasRole(Role.DISTRICT_OFFICER) || caller.hasRole(Role.IT_ADMIN))) {
      return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
    return questions.queue(caller, seats, clock.instant()).map(list -> {
      model.addAttribute("waiting", list);
      model.addAttribute("overdueCount", list.stream().filter(Questions.Waiting::overdue).count());
      return "community/questions/queue";
    });
  }
}
