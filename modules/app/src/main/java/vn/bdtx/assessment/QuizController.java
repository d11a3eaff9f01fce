package vn.bdtx.assessment;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.catalog.ContentAccess;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.domain.assessment.AttemptResult;
import vn.bdtx.domain.assessment.Answers;
import vn.bdtx.domain.assessment.Grading;
import vn.bdtx.domain.completion.Regulation;
import java.math.BigDecimal;
import vn.bdtx.domain.catalog.Markup;
import vn.bdtx.domain.catalog.QuestionKind;
import vn.bdtx.domain.assessment.Paper;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Lecture;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuizSettings;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;
import vn.bdtx.platform.web.PlainTexts;

/**
 * A learner's lesson quizzes: /learn/{cohort}/quizzes/{lecture} (the quiz, its
 * attempts and the score that counts), starting an attempt, the attempt page
 * (every answer saved as it is given; quiz.js keeps unsent answers in the
 * browser and sends them again when the network returns), submitting, and the
 * review. Only the enrolled learner reaches any of it: everyone else gets 404.
 */
@Controller
class QuizController {

  private final Cohorts cohorts;
  private final ContentAccess content;
  private final Quizzes quizzes;
  private final Clock clock;
  private final PlainTexts texts;
  private final QuizStarts starts;
  private final org.springframework.web.server.session.WebSessionIdResolver sessionIds;

  QuizController(Cohorts cohorts, ContentAccess content, Quizzes quizzes, Clock clock, PlainTexts texts, QuizStarts starts,
                 org.springframework.web.server.session.WebSessionIdResolver sessionIds) {
    this.starts = starts;
    this.sessionIds = sessionIds;
    this.cohorts = cohorts;
    this.content = content;
    this.quizzes = quizzes;
    this.clock = clock;
    this.texts = texts;
  }

  /** The learner's enrollment, the version they study, the lecture and the regulation their cohort keeps. */
  private record Context(Cohorts.Enrollment enrollment, CourseContent content, Lecture lecture, Regulation rules) {
  }

  private Mono<Context> context(Caller caller, long cohortId, String lectureId) {
    return cohorts.enrollment(cohortId, caller.accountId())
        .flatMap(e -> Mono.zip(content.version(e.versionId()), cohorts.regulation(e))
            .flatMap(t -> Mono.justOrEmpty(t.getT1().content().lecture(lectureId).filter(Lecture::hasQuiz))
                .map(l -> new Context(e, t.getT1().content(), l, t.getT2()))));
  }

  @GetMapping("/learn/{cohortId}/quizzes/{lectureId}")
  Mono<String> quiz(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, @PathVariable String lectureId,
                    Model model) {
    return context(caller, cohortId, lectureId)
        .flatMap(c -> quizzes.attempts(c.enrollment().id(), lectureId).collectList().map(attempts -> {
          Instant now = clock.instant();
          QuizSettings s = c.lecture().quiz();
          var finished = attempts.stream().filter(Quizzes.Attempt::finished).toList();
          var kept = AttemptResult.kept(finished.stream()
              .map(a -> new AttemptResult(a.number(), a.score(), a.finishedAt())).toList(), s.policy());
          var open = attempts.stream().filter(a -> !a.finished()).findFirst();
          var study = c.enrollment().schedule().window(vn.bdtx.domain.cohorts.Activity.STUDY);
          model.addAttribute("base", "/learn/" + cohortId);
          model.addAttribute("courseTitle", c.enrollment().courseTitle());
          model.addAttribute("lecture", c.lecture());
          model.addAttribute("settings", s);
          model.addAttribute("bankSize", c.content().inCategory(c.lecture().quizCategory()).size());
          model.addAttribute("attempts", finished);
          model.addAttribute("kept", kept.orElse(null));
          model.addAttribute("passed", kept.map(c.rules()::quizPasses).orElse(false));
          model.addAttribute("passMark", c.rules().quizPassMark());
          model.addAttribute("openAttempt", open.orElse(null));
          model.addAttribute("mayStart", open.isPresent() || (s.mayStart(finished.size()) && study.map(w -> w.contains(now)).orElse(false)));
          model.addAttribute("studyOpen", study.map(w -> w.contains(now)).orElse(false));
          model.addAttribute("studyWindow", study.orElse(null));
          model.addAttribute("studyBefore", study.map(w -> now.isBefore(w.opens())).orElse(false));
          model.addAttribute("studyOpensOn", study.map(w -> java.time.LocalDate.ofInstant(w.opens(), vn.bdtx.domain.cohorts.CohortSchedule.ZONE)).orElse(null));
          return "assessment/quiz";
        }))
        .as(NotFound::orNotFound);
  }

  /**
   * Starts (or resumes) an attempt. When this node's start line is full (a whole class pressing at once), the
   * learner gets at once a small page with their place in line (QuizStarts), which goes on to the attempt by itself
   * when its turn has come; the attempt, and its time, start only then.
   */
  @PostMapping("/learn/{cohortId}/quizzes/{lectureId}/attempts")
  Mono<String> start(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, @PathVariable String lectureId,
                     ServerWebExchange exchange, Model model) {
    return exchange.getSession().map(org.springframework.web.server.WebSession::getId).flatMap(session -> {
      if (starts.free()) {
        // A free line: the learner and the quiz are checked first (404 for anyone outside the class).
        return context(caller, cohortId, lectureId)
            .flatMap(c -> enter(session, caller, cohortId, lectureId, Mono.just(c), exchange, model));
      }
      // A full line (a whole class pressing at once): the place is answered at once, before reading anything, so
      // that the class's thousands of presses cost little; whether the caller is in the class and the quiz exists
      // is checked when the turn comes, before anything is started (the waiting page then answers 404).
      return enter(session, caller, cohortId, lectureId, Mono.defer(() -> context(caller, cohortId, lectureId)), exchange, model);
    }).as(NotFound::orNotFound);
  }

  private Mono<String> enter(String session, Caller caller, long cohortId, String lectureId, Mono<Context> context,
                             ServerWebExchange exchange, Model model) {
    var start = starts.enter(session, caller.accountId(), cohortId, lectureId,
        () -> context.flatMap(c -> quizzes.start(c.enrollment(), c.content(), lectureId, clock.instant())));
    if (start.ticket() == null) {
      return start.entry().result().map(started -> startedPage(started, cohortId, lectureId, exchange));
    }
    return Mono.just(waitingPage(start, exchange).view(model));
  }

  private static String startedPage(Quizzes.Started started, long cohortId, String lectureId, ServerWebExchange exchange) {
    if (started instanceof Quizzes.Started.Ok ok) {
      return "redirect:/learn/" + cohortId + "/attempts/" + ok.attempt().id();
    }
    exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
    return "redirect:/learn/" + cohortId + "/quizzes/" + lectureId + "?refused="
        + ((Quizzes.Started.Refused) started).reason().name();
  }

  private vn.bdtx.platform.admission.WaitingPage waitingPage(QuizStarts.Waiting w, ServerWebExchange exchange) {
    String here = "/learn/" + w.cohortId() + "/quizzes/" + w.lectureId() + "/waiting?t=" + w.ticket();
    return new vn.bdtx.platform.admission.WaitingPage(texts.of(exchange, "assessment.quiz.wait.title"), texts.of(exchange, "assessment.quiz.wait.lead"),
        waitingText(w, exchange), here, "/learn/" + w.cohortId() + "/quizzes/" + w.lectureId() + "/waiting/status?t=" + w.ticket(),
        here, w.entry().pollAfter());
  }

  private String waitingText(QuizStarts.Waiting w, ServerWebExchange exchange) {
    long place = w.entry().place();
    return place > 0 ? texts.of(exchange, "assessment.quiz.wait.place", place) : texts.of(exchange, "assessment.quiz.wait.starting");
  }

  /**
   * The page a waiting start stays on (and reloads to without JavaScript): when the turn has come, on to the
   * attempt. Looks up to a few seconds for the turn before answering. A ticket this node does not hold (expired,
   * another node) leads back to the quiz page, where "start" resumes any attempt already begun; someone not in
   * the class gets 404.
   */
  @GetMapping("/learn/{cohortId}/quizzes/{lectureId}/waiting")
  Mono<String> waiting(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, @PathVariable String lectureId,
                       @org.springframework.web.bind.annotation.RequestParam(name = "t", required = false) String ticket,
                       ServerWebExchange exchange, Model model) {
    var found = starts.find(ticket, caller.accountId(), cohortId, lectureId);
    if (found.isEmpty()) {
      return context(caller, cohortId, lectureId).map(c -> "redirect:/learn/" + cohortId + "/quizzes/" + lectureId)
          .as(NotFound::orNotFound);
    }
    var w = found.get();
    return w.entry().doneWithin(w.entry().pollAfter()).flatMap(done -> {
      if (!done) {
        return Mono.just(waitingPage(w, exchange).view(model));
      }
      starts.forget(w);
      // Nothing started: the caller is not in the class, or the quiz is not there (checked when the turn came).
      return w.entry().result().map(started -> startedPage(started, cohortId, lectureId, exchange));
    }).as(NotFound::orNotFound);
  }

  /**
   * What a waiting start's page asks: done (go on), or its place. Waits up to the page's next look for the turn,
   * so the page learns at once when it has come. Answered from the ticket alone, which must have been issued to
   * the browser session the request's cookie names: no session, account or database is read
   * (SecurityConfiguration#waitingLookFilterChain). 404 for any other ticket, cookie or quiz.
   */
  @GetMapping("/learn/{cohortId}/quizzes/{lectureId}/waiting/status")
  @org.springframework.web.bind.annotation.ResponseBody
  Mono<ResponseEntity<vn.bdtx.platform.admission.WaitingPage.Status>> waitingStatus(
      @PathVariable long cohortId, @PathVariable String lectureId,
      @org.springframework.web.bind.annotation.RequestParam(name = "t", required = false) String ticket, ServerWebExchange exchange) {
    var found = starts.look(ticket, sessionIds.resolveSessionIds(exchange), cohortId, lectureId);
    if (found.isEmpty()) {
      return Mono.just(ResponseEntity.notFound().build());
    }
    var w = found.get();
    String next = "/learn/" + cohortId + "/quizzes/" + lectureId + "/waiting?t=" + w.ticket();
    return w.entry().doneWithin(w.entry().pollAfter()).map(done -> ResponseEntity.ok()
        .header("Cache-Control", "no-store")
        .body(new vn.bdtx.platform.admission.WaitingPage.Status(done, done ? 0 : w.entry().place(),
            waitingText(w, exchange), 100, next)));
  }

  /**
   * One question of an attempt as the page shows it: its text as HTML (Moodle's
   * markup cleaned, or plain text escaped), choices in the paper's order, what is
   * ticked, typed or matched, and after review what was right.
   */
  public record ShownQuestion(int number, Question question, List<ShownChoice> choices, boolean multiple,
                              BigDecimal fraction, String html, String generalFeedback, String response, List<ShownItem> items,
                              List<String> options, List<String> accepted) {

    public String kind() {
      return question.kind().name();
    }

    /** The question's mark as the page writes it (2, 1.5). */
    public BigDecimal mark() {
      return question.mark().stripTrailingZeros();
    }

    /** The marks earned, to two decimals at most (2 × 33.33333% shows 0.67). */
    public BigDecimal earned() {
      return question.mark().multiply(fraction).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** The decimals the page shows for the mark and the marks earned. */
    public int decimals() {
      return Math.max(0, Math.max(mark().scale(), earned().scale()));
    }

    /** The share of the question's marks earned, in percent with no decimal. */
    public BigDecimal percent() {
      return fraction.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP);
    }
  }

  public record ShownChoice(int index, String text, boolean ticked, boolean right, String feedback) {
  }

  /** A matching item: its text as HTML, the option picked (-1 none) and the right answer. */
  public record ShownItem(String html, int picked, String pickedText, String answer, boolean right) {
  }

  private static List<ShownQuestion> shown(Quizzes.Attempt a, CourseContent content, String media) {
    var list = new java.util.ArrayList<ShownQuestion>();
    int n = 1;
    for (Paper.Item item : a.paper().items()) {
      Optional<Question> found = content.question(item.questionId());
      if (found.isEmpty()) {
        continue;
      }
      Question q = found.get();
      Set<Integer> ticked = a.answers().getOrDefault(item.questionId(), Set.of());
      String response = a.responses().get(item.questionId());
      var choices = q.kind().choosing()
          ? item.choiceOrder().stream().filter(i -> i < q.choices().size())
              .map(i -> new ShownChoice(i, Markup.render(q.choices().get(i).text(), q.html(), media), ticked.contains(i),
                  q.choices().get(i).right(), Markup.render(q.choices().get(i).feedback(), q.html(), media)))
              .toList()
          : List.<ShownChoice>of();
      var items = new java.util.ArrayList<ShownItem>();
      var options = q.kind() == QuestionKind.MATCHING ? Answers.options(q) : List.<String>of();
      if (q.kind() == QuestionKind.MATCHING) {
        var pairs = Answers.items(q);
        var picks = Answers.picks(response, pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
          int p = picks.get(i) < options.size() ? picks.get(i) : -1;
          String pickedText = p >= 0 ? options.get(p) : "";
          items.add(new ShownItem(Markup.render(pairs.get(i).text(), q.html(), media), p, pickedText, pairs.get(i).match(),
              pickedText.equals(pairs.get(i).match().strip())));
        }
      }
      // What the review shows as the right answer of a typed question (a number with its tolerance, decimal comma).
      var accepted = q.kind() == QuestionKind.SHORT_ANSWER || q.kind() == QuestionKind.NUMERICAL
          ? q.choices().stream().filter(c -> c.weight() == 100).map(c -> q.kind() == QuestionKind.SHORT_ANSWER
              ? c.text().replace("\\*", "*")
              : (c.text() + (c.tolerance() > 0 ? " ± " + java.math.BigDecimal.valueOf(c.tolerance()).stripTrailingZeros().toPlainString() : ""))
                  .replace('.', ',')).toList()
          : List.<String>of();
      list.add(new ShownQuestion(q.kind().graded() ? n++ : 0, q, choices, q.kind() == QuestionKind.MULTIPLE,
          Grading.fraction(q, ticked, response), Markup.render(q.text(), q.html(), media), Markup.render(q.generalFeedback(), q.html(), media),
          response == null ? "" : response, items, options, accepted));
    }
    return list;
  }

  @GetMapping("/learn/{cohortId}/attempts/{attemptId}")
  Mono<String> attempt(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, @PathVariable long attemptId,
                       Model model) {
    Instant now = clock.instant();
    return quizzes.find(attemptId, caller.accountId())
        .flatMap(a -> context(caller, cohortId, a.lectureId())
            .filter(c -> c.enrollment().id() == a.enrollmentId())
            .flatMap(c -> {
              // An attempt past its closing time is graded on the spot with what was saved in time.
              Mono<Quizzes.Attempt> current = !a.finished() && a.closesAt() != null && !now.isBefore(a.closesAt())
                  ? quizzes.submit(a.id(), caller.accountId(), c.content(), now) : Mono.just(a);
              return current.map(at -> {
                model.addAttribute("base", "/learn/" + cohortId);
                model.addAttribute("courseTitle", c.enrollment().courseTitle());
                model.addAttribute("lecture", c.lecture());
                model.addAttribute("attempt", at);
                var shown = shown(at, c.content(), "/learn/" + cohortId + "/media/");
                model.addAttribute("questions", shown);
                model.addAttribute("graded", shown.stream().filter(s -> s.number() > 0).count());
                // Only a timed quiz counts down; an untimed attempt states the study deadline it closes at instead.
                model.addAttribute("secondsLeft", vn.bdtx.domain.assessment.AttemptClock.countdown(
                    c.lecture().quiz().timeLimit(), at.closing(), now).orElse(-1));
                model.addAttribute("lastMinute", at.closesAt() == null ? null : at.closesAt().minusSeconds(1));
                model.addAttribute("full", c.lecture().quiz().review() == QuizSettings.Review.FULL);
                model.addAttribute("passed", at.finished() && c.rules().quizPasses(at.score()));
                model.addAttribute("passMark", c.rules().quizPassMark());
                return at.finished() ? "assessment/review" : "assessment/attempt";
              });
            }))
        // The start that led here is over: its place in the start line goes to the next learner.
        .doFinally(signal -> starts.served(caller.accountId()))
        .as(NotFound::orNotFound);
  }

  /**
   * Saves one question's answer: form fields {@code question} and {@code choice}
   * (repeated for a multiple-answer question; none clears it), {@code page}
   * and {@code seq} (the page load and its own counter, see
   * {@link Quizzes#save(long, long, String, Set, String, String, long, Instant)}).
   * 204 saved; 409 with {@code X-Answer-State: closed} when the attempt is
   * closed; 200 with {@code X-Answer-State: superseded} when a newer answer of
   * the same page is already saved (nothing to send again); 404 when it is not
   * the caller's.
   */
  @PostMapping("/learn/{cohortId}/attempts/{attemptId}/answers")
  Mono<ResponseEntity<String>> answer(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId,
                                      @PathVariable long attemptId, ServerWebExchange exchange) {
    return exchange.getFormData().flatMap(form -> {
      String question = form.getFirst("question");
      Optional<Set<Integer>> chosen = choices(form.get("choice"));
      // A typed or matched answer (short answer, numerical, matching) comes as "response"; choices as "choice".
      String response = form.getFirst("response");
      if (question == null || question.isBlank() || chosen.isEmpty()) {
        // Only the attempt's owner learns that the form was wrong; anyone else gets 404.
        return quizzes.findWithoutAnswers(attemptId, caller.accountId())
            .map(a -> ResponseEntity.unprocessableEntity()
                .body(texts.of(exchange, "assessment.attempt.answer.malformed")))
            .defaultIfEmpty(ResponseEntity.notFound().build());
      }
      long seq = sequence(form.getFirst("seq"));
      String page = form.getFirst("page");
      return quizzes.save(attemptId, caller.accountId(), question, chosen.get(), response,
              page == null || page.isBlank() ? null : page.strip(), seq, clock.instant()).map(saved -> switch (saved) {
        case SAVED -> ResponseEntity.noContent()
            .header("X-Saved-At", vn.bdtx.platform.web.VietnameseFormats.FORMATS.clock(clock.instant())).build();
        case CLOSED -> ResponseEntity.status(HttpStatus.CONFLICT).header(ANSWER_STATE, "closed")
            .body(texts.of(exchange, "assessment.attempt.answer.closed"));
        case STALE -> ResponseEntity.ok().header(ANSWER_STATE, "superseded")
            .body(texts.of(exchange, "assessment.attempt.answer.superseded"));
        case INVALID -> ResponseEntity.unprocessableEntity()
            .body(texts.of(exchange, "assessment.attempt.answer.invalid", question));
        case NOT_FOUND -> ResponseEntity.notFound().build();
      });
    });
  }

  /**
   * Submits the attempt. The answers on the form are saved first (a browser
   * without JavaScript sends them all here), then the attempt is graded once; a
   * second submit finds it graded and shows the same result.
   */
  @PostMapping("/learn/{cohortId}/attempts/{attemptId}/submit")
  Mono<String> submit(@AuthenticationPrincipal Caller caller, @PathVariable long cohortId, @PathVariable long attemptId,
                      ServerWebExchange exchange) {
    Instant now = clock.instant();
    // Its state, paper and lecture are enough here: submitting reads the answers it grades.
    return quizzes.findWithoutAnswers(attemptId, caller.accountId())
        .flatMap(a -> context(caller, cohortId, a.lectureId()).filter(c -> c.enrollment().id() == a.enrollmentId())
            .flatMap(c -> exchange.getFormData()
                .flatMap(form -> a.finished() ? Mono.empty() : saveAll(a, caller, form, now))
                .then(quizzes.submit(a.id(), caller.accountId(), c.content(), now))))
        .map(a -> "redirect:/learn/" + cohortId + "/attempts/" + a.id() + "?submitted")
        .as(NotFound::orNotFound);
  }

  private Mono<Void> saveAll(Quizzes.Attempt a, Caller caller, MultiValueMap<String, String> form, Instant now) {
    return Flux.fromIterable(a.paper().items())
        .concatMap(item -> {
          String id = item.questionId();
          // What the form shows when "Nộp bài" is pressed is the learner's last word.
          if (form.containsKey("r-" + id)) {
            return quizzes.save(a.id(), caller.accountId(), id, Set.of(), form.getFirst("r-" + id), Long.MAX_VALUE, now);
          }
          if (form.containsKey("m-" + id)) {
            return quizzes.save(a.id(), caller.accountId(), id, Set.of(), String.join(",", form.get("m-" + id)), Long.MAX_VALUE, now);
          }
          if (!form.containsKey("q-" + id)) {
            return Mono.empty();
          }
          return choices(form.get("q-" + id))
              .map(chosen -> quizzes.save(a.id(), caller.accountId(), id, chosen, Long.MAX_VALUE, now))
              .orElse(Mono.empty());
        })
        .then();
  }

  /** Tells the page what became of an answer not saved: {@code closed} (409) or {@code superseded} (200). */
  static final String ANSWER_STATE = "X-Answer-State";

  /** The page's own counter of the answer; -1 (refused with a page) when it is not a number. */
  private static long sequence(String raw) {
    try {
      return raw == null ? 0 : Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Optional<Set<Integer>> choices(List<String> raw) {
    var set = new LinkedHashSet<Integer>();
    if (raw != null) {
      for (String s : raw) {
        if (s == null || s.isBlank()) {
          continue;
        }
        try {
          set.add(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(set);
  }

}
