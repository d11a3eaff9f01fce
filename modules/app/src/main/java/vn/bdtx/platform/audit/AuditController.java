package vn.bdtx.platform.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.bdtx.platform.web.VietnameseFormats;

/**
 * /admin/audit: the IT admin reads who changed what (only IT_ADMIN reaches
 * /admin/**), newest first, a page at a time (keyset: "older" continues below the
 * last event shown, keeping the filter). Event names, targets and the details
 * stored as JSON are shown as words ("Loại: môn chính"), never codes; what an event points at is named by the
 * context that owns it ("Ghi danh: Nguyễn Thị Lan — Lớp Toán 1", not "Ghi danh 45"), and marks read "7,5".
 */
@Controller
class AuditController {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Where a code found in the details may be named, tried in order. */
  private static final List<String> CODE_PREFIXES = List.of("accounts.role.", "accounts.scope.", "learning.kind.", "accounts.exemption.kind.", "accounts.profile.kind.",
      "accounts.org.kind.", "platform.audit.action.");

  /** Details whose value is the id of a thing a context names (see {@link AuditNames}), by the kind of thing. */
  private static final Map<String, String> ID_DETAILS = Map.ofEntries(Map.entry("course", "course"),
      Map.entry("group", "group"), Map.entry("unitId", "org_unit"), Map.entry("parentId", "org_unit"),
      Map.entry("oldParentId", "org_unit"), Map.entry("run", "module_run"), Map.entry("request", "change_request"),
      Map.entry("cohort", "cohort"), Map.entry("enrollment", "enrollment"), Map.entry("submission", "submission"));
  /** Details that are marks on the 10-point scale, shown as every page shows marks ("7,5"). */
  private static final Set<String> MARK_DETAILS = Set.of("score", "passMark", "quizPassMark");

  /** An event as the page shows it: what happened, to what, and each detail as a label and a value. */
  record Shown(AuditLog.Event event, String action, String target, List<Detail> details) {
  }

  record Detail(String label, String value) {
  }

  private final AuditLog audit;
  private final MessageSource messages;
  private final List<AuditNames> namers;

  /** Events on one page. */
  private final int page;

  AuditController(AuditLog audit, MessageSource messages, List<AuditNames> namers,
                  @org.springframework.beans.factory.annotation.Value("${bdtx.paging.audit}") int page) {
    this.page = page;
    this.namers = namers;
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
    }).flatMap(events -> {
      boolean more = events.size() > page;
      var shown = more ? events.subList(0, page) : events;
      return names(shown, locale).map(names -> {
        model.addAttribute("events", shown.stream().map(e -> shown(e, names, locale)).toList());
        model.addAttribute("before", before);
        model.addAttribute("older", more ? shown.get(shown.size() - 1).id() : null);
        return "platform/audit";
      });
    });
  }

  /**
   * The names of everything the page's events point at (targets, and ids in their details), by kind and id:
   * each kind asked once for the whole page, whatever the number of rows.
   */
  private Mono<Map<String, Map<Long, String>>> names(List<AuditLog.Event> events, Locale locale) {
    Map<String, Set<Long>> wanted = new HashMap<>();
    for (AuditLog.Event e : events) {
      if (e.targetType() != null && e.targetId() != null) {
        wanted.computeIfAbsent(kind(e.targetType()), k -> new HashSet<>()).add(e.targetId());
      }
      JsonNode node = details(e);
      if (node != null && node.isObject()) {
        for (Map.Entry<String, JsonNode> f : node.properties()) {
          Long id = ID_DETAILS.containsKey(f.getKey()) ? id(f.getValue()) : null;
          if (id != null) {
            wanted.computeIfAbsent(ID_DETAILS.get(f.getKey()), k -> new HashSet<>()).add(id);
          }
        }
      }
    }
    return Flux.fromIterable(wanted.entrySet())
        .concatMap(w -> namers.stream().filter(n -> n.kinds().contains(w.getKey())).findFirst()
            .map(n -> n.names(w.getKey(), w.getValue(), locale).map(found -> Map.entry(w.getKey(), found)))
            .orElse(Mono.empty()))
        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
  }

  /** "run" and "module_run" are the same thing recorded under two names. */
  private static String kind(String targetType) {
    return "run".equals(targetType) ? "module_run" : targetType;
  }

  private static JsonNode details(AuditLog.Event e) {
    try {
      return JSON.readTree(e.details());
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /** The id a detail holds (a whole number, or a string of digits), or null. */
  private static Long id(JsonNode v) {
    if (v != null && v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v != null && v.isString() && v.asString().matches("\\d{1,18}")) {
      return Long.valueOf(v.asString());
    }
    return null;
  }

  private String message(String key, Locale locale) {
    return messages.getMessage(key, null, null, locale);
  }

  private String action(String code, Locale locale) {
    String m = message("platform.audit.action." + code, locale);
    return m != null ? m : words(code);
  }

  private Shown shown(AuditLog.Event e, Map<String, Map<Long, String>> names, Locale locale) {
    String target = "";
    if (e.targetType() != null) {
      String type = message("platform.audit.target." + e.targetType(), locale);
      String name = e.targetId() == null ? null : names.getOrDefault(kind(e.targetType()), Map.of()).get(e.targetId());
      target = (type != null ? type : words(e.targetType()))
          + (name != null ? ": " + name : e.targetId() != null ? " " + e.targetId() : "");
    }
    var details = new ArrayList<Detail>();
    try {
      JsonNode node = JSON.readTree(e.details());
      if (node != null && node.isObject()) {
        for (Map.Entry<String, JsonNode> f : node.properties()) {
          if (f.getValue() != null && f.getValue().isString() && f.getValue().asString().isBlank()) {
            continue; // an empty reason says nothing: no "Lý do:" with nothing after it
          }
          String label = message("platform.audit.detail." + f.getKey(), locale);
          details.add(new Detail(label != null ? label : words(f.getKey()), detail(f.getKey(), f.getValue(), names, locale)));
        }
      }
    } catch (RuntimeException unreadable) {
      details.add(new Detail(message("platform.audit.details", locale), e.details()));
    }
    return new Shown(e, action(e.action(), locale), target, List.copyOf(details));
  }

  /** A detail's value: a thing's name for its id, a mark with the decimal comma, otherwise as {@link #value}. */
  private String detail(String key, JsonNode v, Map<String, Map<Long, String>> names, Locale locale) {
    Long id = ID_DETAILS.containsKey(key) ? id(v) : null;
    String name = id == null ? null : names.getOrDefault(ID_DETAILS.get(key), Map.of()).get(id);
    if (name != null) {
      return name;
    }
    if (MARK_DETAILS.contains(key) && v != null && (v.isNumber() || v.isString() && v.asString().matches("\\d+(\\.\\d+)?"))) {
      return VietnameseFormats.FORMATS.score(v.isNumber() ? v.decimalValue() : new java.math.BigDecimal(v.asString()));
    }
    return value(v, locale);
  }

  private String value(JsonNode v, Locale locale) {
    if (v == null || v.isNull()) {
      return "—";
    }
    if (v.isBoolean()) {
      return message(v.asBoolean() ? "platform.audit.yes" : "platform.audit.no", locale);
    }
    if (v.isArray()) {
      var parts = new ArrayList<String>();
      v.forEach(x -> parts.add(value(x, locale)));
      return parts.isEmpty() ? "—" : String.join("; ", parts);
    }
    if (v.isObject()) {
      var parts = new ArrayList<String>();
      for (Map.Entry<String, JsonNode> f : v.properties()) {
        String label = message("platform.audit.detail." + f.getKey(), locale);
        parts.add((label != null ? label : words(f.getKey())) + ": " + value(f.getValue(), locale));
      }
      return String.join(", ", parts);
    }
    if (v.isNumber() && !v.isIntegralNumber() && "vi".equals(locale.getLanguage())) {
      return v.asString().replace('.', ',');
    }
    String text = v.asString();
    if (text.matches("\\d+\\.\\d+") && "vi".equals(locale.getLanguage())) {
      return text.replace('.', ',');
    }
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
