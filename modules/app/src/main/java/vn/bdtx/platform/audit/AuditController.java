package vn.bdtx.platform.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * /admin/audit: the IT admin reads who changed what (only IT_ADMIN reaches
 * /admin/**), newest first, a page at a time (keyset: "older" continues below the
 * last event shown, keeping the filter). Event names, targets and the details
 * stored as JSON are shown as words ("Lớp: 12", "Loại: môn chính"), never codes.
 */
@Controller
class AuditController {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Where a code found in the details may be named, tried in order. */
  private static final List<String> CODE_PREFIXES = List.of("role.", "scope.", "learn.kind.", "exemption.kind.", "profile.kind.",
      "org.kind.", "audit.action.");

  /** An event as the page shows it: what happened, to what, and each detail as a label and a value. */
  record Shown(AuditLog.Event event, String action, String target, List<Detail> details) {
  }

  record Detail(String label, String value) {
  }

  private final AuditLog audit;
  private final MessageSource messages;

  /** Events on one page. */
  private final int page;

  AuditController(AuditLog audit, MessageSource messages,
                  @org.springframework.beans.factory.annotation.Value("${bdtx.paging.audit}") int page) {
    this.page = page;
    this.audit = audit;
    this.messages = messages;
  }

  @GetMapping("/admin/audit")
  Mono<String> list(@RequestParam(name = "action", defaultValue = "") String action,
                    @RequestParam(name = "before", required = false) Long before, ServerWebExchange exchange, Model model) {
    Locale locale = exchange.getLocaleContext().getLocale() == null ? Locale.forLanguageTag("vi")
        : exchange.getLocaleContext().getLocale();
    return audit.actions().flatMap(actions -> {
      String chosen = actions.contains(action) ? action : "";
      model.addAttribute("actions", actions.stream().map(a -> new Detail(a, action(a, locale))).toList());
      model.addAttribute("action", chosen);
      return audit.latest(chosen, before, page + 1).collectList();
    }).map(events -> {
      boolean more = events.size() > page;
      var shown = more ? events.subList(0, page) : events;
      model.addAttribute("events", shown.stream().map(e -> shown(e, locale)).toList());
      model.addAttribute("before", before);
      model.addAttribute("older", more ? shown.get(shown.size() - 1).id() : null);
      return "platform/audit";
    });
  }

  private String message(String key, Locale locale) {
    return messages.getMessage(key, null, null, locale);
  }

  private String action(String code, Locale locale) {
    String m = message("audit.action." + code, locale);
    return m != null ? m : words(code);
  }

  private Shown shown(AuditLog.Event e, Locale locale) {
    String target = "";
    if (e.targetType() != null) {
      String type = message("audit.target." + e.targetType(), locale);
      target = (type != null ? type : words(e.targetType())) + (e.targetId() != null ? " " + e.targetId() : "");
    }
    var details = new ArrayList<Detail>();
    try {
      JsonNode node = JSON.readTree(e.details());
      if (node != null && node.isObject()) {
        for (Map.Entry<String, JsonNode> f : node.properties()) {
          String label = message("audit.detail." + f.getKey(), locale);
          details.add(new Detail(label != null ? label : words(f.getKey()), value(f.getValue(), locale)));
        }
      }
    } catch (RuntimeException unreadable) {
      details.add(new Detail(message("audit.details", locale), e.details()));
    }
    return new Shown(e, action(e.action(), locale), target, List.copyOf(details));
  }

  private String value(JsonNode v, Locale locale) {
    if (v == null || v.isNull()) {
      return "—";
    }
    if (v.isBoolean()) {
      return message(v.asBoolean() ? "audit.yes" : "audit.no", locale);
    }
    if (v.isArray()) {
      var parts = new ArrayList<String>();
      v.forEach(x -> parts.add(value(x, locale)));
      return parts.isEmpty() ? "—" : String.join("; ", parts);
    }
    if (v.isObject()) {
      var parts = new ArrayList<String>();
      for (Map.Entry<String, JsonNode> f : v.properties()) {
        String label = message("audit.detail." + f.getKey(), locale);
        parts.add((label != null ? label : words(f.getKey())) + ": " + value(f.getValue(), locale));
      }
      return String.join(", ", parts);
    }
    if (v.isNumber() && !v.isIntegralNumber() && "vi".equals(locale.getLanguage())) {
      return v.asString().replace('.', ',');
    }
    String text = v.asString();
    if (text.matches("[A-Z][A-Z0-9_]+")) {
      for (String prefix : CODE_PREFIXES) {
        String m = message(prefix + text, locale);
        if (m != null) {
          return m;
        }
      }
    }
    return text;
  }

  /** A code no message names, made readable rather than shown raw ("oldParentId" → "old parent id"). */
  static String words(String code) {
    return code.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
  }
}
