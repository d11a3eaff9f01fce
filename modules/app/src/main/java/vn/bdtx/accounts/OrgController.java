package vn.bdtx.accounts;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Level;
import vn.bdtx.domain.accounts.OrgUnitKind;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;
import vn.bdtx.platform.spreadsheet.UploadedFiles;

/** /admin/org: the IT team builds the province's tree (only IT_ADMIN reaches /admin/**). */
@Controller
class OrgController {

  private final Organisation organisation;
  private final OrgUnits units;
  private final OrgTreeImporter importer;

  OrgController(Organisation organisation, OrgUnits units, OrgTreeImporter importer) {
    this.organisation = organisation;
    this.units = units;
    this.importer = importer;
  }

  @GetMapping("/admin/org/import")
  String importForm() {
    return "accounts/org-import";
  }

  @PostMapping("/admin/org/import")
  Mono<String> importTree(@AuthenticationPrincipal Caller caller,
                          @org.springframework.web.bind.annotation.RequestPart("file") org.springframework.http.codec.multipart.FilePart file,
                          Model model, ServerWebExchange exchange) {
    return UploadedFiles.withTempFile(file, (tmp, name) -> importer.importFile(caller, tmp, name)
        .map(report -> {
          model.addAttribute("report", report);
          model.addAttribute("fileName", name);
          if (!report.ok()) {
            exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
          }
          return "accounts/org-import";
        }));
  }

  @GetMapping("/admin/org")
  Mono<String> tree(Model model) {
    return page(model, new OrgUnitForm(), Map.of());
  }

  @PostMapping("/admin/org")
  Mono<String> create(@AuthenticationPrincipal Caller caller, @ModelAttribute("form") OrgUnitForm form, Model model,
                      ServerWebExchange exchange) {
    return organisation.create(caller, form).flatMap(outcome -> {
      if (outcome.ok()) {
        return Mono.just("redirect:/admin/org?created=" + outcome.id());
      }
      exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
      return page(model, form, outcome.problems());
    });
  }

  @GetMapping("/admin/org/{id}")
  Mono<String> edit(@PathVariable long id, Model model) {
    return NotFound.orNotFound(units.byId(id)).flatMap(unit -> editPage(model, unit, OrgUnitForm.of(unit), Map.of()));
  }

  @PostMapping("/admin/org/{id}")
  Mono<String> update(@AuthenticationPrincipal Caller caller, @PathVariable long id,
                      @ModelAttribute("form") OrgUnitForm form, Model model, ServerWebExchange exchange) {
    return NotFound.orNotFound(units.byId(id)).flatMap(unit -> organisation.update(caller, id, form).flatMap(outcome -> {
      if (outcome.ok()) {
        return Mono.just("redirect:/admin/org?saved=" + id);
      }
      exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
      return editPage(model, unit, form, outcome.problems());
    }));
  }

  @PostMapping("/admin/org/{id}/deactivate")
  Mono<String> deactivate(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model,
                          ServerWebExchange exchange) {
    return setActive(caller, id, false, model, exchange);
  }

  @PostMapping("/admin/org/{id}/activate")
  Mono<String> activate(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model,
                        ServerWebExchange exchange) {
    return setActive(caller, id, true, model, exchange);
  }

  private Mono<String> setActive(Caller caller, long id, boolean active, Model model, ServerWebExchange exchange) {
    return NotFound.orNotFound(units.byId(id)).flatMap(unit -> organisation.setActive(caller, id, active).flatMap(outcome -> {
      if (outcome.ok()) {
        return Mono.just("redirect:/admin/org/" + id);
      }
      exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
      return editPage(model, unit, OrgUnitForm.of(unit), outcome.problems());
    }));
  }

  private Mono<String> page(Model model, OrgUnitForm form, Map<String, String> problems) {
    return organisation.tree().map(rows -> {
      model.addAttribute("rows", rows);
      model.addAttribute("form", form);
      model.addAttribute("problems", problems);
      addChoices(model, rows);
      return "accounts/org";
    });
  }

  private Mono<String> editPage(Model model, OrgUnit unit, OrgUnitForm form, Map<String, String> problems) {
    return organisation.tree().map(rows -> {
      model.addAttribute("unit", unit);
      model.addAttribute("form", form);
      model.addAttribute("problems", problems);
      addChoices(model, rows);
      return "accounts/org-edit";
    });
  }

  private static void addChoices(Model model, List<Organisation.TreeRow> rows) {
    model.addAttribute("kinds", OrgUnitKind.values());
    model.addAttribute("allLevels", Level.values());
    model.addAttribute("schoolTypes", Organisation.SCHOOL_TYPES);
    model.addAttribute("parents", rows.stream().map(Organisation.TreeRow::unit)
        .filter(u -> u.active() && (u.kind() == OrgUnitKind.DEPARTMENT || u.kind() == OrgUnitKind.DISTRICT_OFFICE)).toList());
    model.addAttribute("clusters", rows.stream().map(Organisation.TreeRow::unit)
        .filter(u -> u.active() && u.kind() == OrgUnitKind.CLUSTER).toList());
  }

}
