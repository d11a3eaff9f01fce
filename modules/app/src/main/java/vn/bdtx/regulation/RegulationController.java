package vn.bdtx.regulation;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.completion.Regulation;
import vn.bdtx.domain.completion.Regulation.Field;
import vn.bdtx.platform.security.Caller;

/**
 * /admin/regulation (IT admin only, as all of /admin/**): the version in force,
 * every version before it with who made it, when and why, and a form that makes
 * a new version from the figures and a reason. A refused form names every wrong
 * field and stores nothing (422).
 */
@Controller
class RegulationController {

  /** A field of the form: its parameter name, label, what was typed and its range as words. */
  record Input(Field field, String name, String label, String value, String hint) {
  }

  private final Regulations regulations;
  private final MessageSource messages;
  private final Clock clock;

  RegulationController(Regulations regulations, MessageSource messages, Clock clock) {
    this.regulations = regulations;
    this.messages = messages;
    this.clock = clock;
  }

  /** passMark, quizPassMark … as the form names the fields. */
  static String param(Field f) {
    String[] parts = f.name().toLowerCase(Locale.ROOT).split("_");
    var b = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return b.toString();
  }

  @GetMapping("/admin/regulation")
  Mono<String> page(ServerWebExchange exchange, Model model) {
    return regulations.current().flatMap(current -> show(exchange, model, current.typed(), List.of()));
  }

  @PostMapping("/admin/regulation")
  Mono<String> add(@AuthenticationPrincipal Caller caller, ServerWebExchange exchange, Model model) {
    return exchange.getFormData().flatMap(form -> {
      var typed = new EnumMap<Field, String>(Field.class);
      for (Field f : Field.values()) {
        String v = form.getFirst(param(f));
        typed.put(f, v == null ? "" : v);
      }
      var read = Regulation.read(typed);
      if (read instanceof Regulation.Accepted ok) {
        return regulations.add(caller, ok.regulation(), ok.reason(), clock.instant())
            .map(saved -> "redirect:/admin/regulation?saved=" + saved.version());
      }
      exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
      return show(exchange, model, typed, ((Regulation.Refused) read).problems());
    });
  }

  private Mono<String> show(ServerWebExchange exchange, Model model, Map<Field, String> typed,
                            List<Regulation.FieldProblem> problems) {
    Locale locale = exchange.getLocaleContext().getLocale() == null ? Locale.forLanguageTag("vi")
        : exchange.getLocaleContext().getLocale();
    return regulations.history().collectList().map(history -> {
      model.addAttribute("current", history.get(0));
      model.addAttribute("history", history);
      model.addAttribute("inputs", java.util.Arrays.stream(Field.values())
          .map(f -> new Input(f, param(f), label(f, locale), typed.getOrDefault(f, ""), hint(f, locale))).toList());
      model.addAttribute("problems", problems.stream().map(p -> problem(p, locale)).toList());
      String saved = exchange.getRequest().getQueryParams().getFirst("saved");
      model.addAttribute("saved", problems.isEmpty() && saved != null && saved.matches("\\d{1,9}") ? saved : null);
      return "regulation/regulation";
    });
  }

  private String label(Field f, Locale locale) {
    return messages.getMessage("regulation.field." + f.name(), null, locale);
  }

  private String hint(Field f, Locale locale) {
    if (f == Field.REASON) {
      return messages.getMessage("regulation.hint.REASON", new Object[] {Regulation.REASON_MAX}, locale);
    }
    return messages.getMessage("regulation.hint." + (f.decimals() == 0 ? "whole" : "mark"),
        new Object[] {decimal(f.min(), locale), decimal(f.max(), locale)}, locale);
  }

  private String problem(Regulation.FieldProblem p, Locale locale) {
    Object[] args = {label(p.field(), locale), p.value(), p.field().min() == null ? "" : decimal(p.field().min(), locale),
        p.field().max() == null ? "" : decimal(p.field().max(), locale), Regulation.REASON_MAX};
    String key = "regulation.problem." + p.problem().name()
        + (p.problem() == Regulation.Problem.TOO_PRECISE && p.field().decimals() == 0 ? ".whole" : "");
    return messages.getMessage(key, args, locale);
  }

  private static String decimal(java.math.BigDecimal d, Locale locale) {
    String s = d.toPlainString();
    return "vi".equals(locale.getLanguage()) ? s.replace('.', ',') : s;
  }
}
