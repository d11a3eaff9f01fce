package vn.bdtx.accounts;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.ImportColumn;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.spreadsheet.UploadedFiles;

/**
 * /admin/accounts/import: upload the schools' lists, read the report, fix, upload
 * again. Rows held because they would rename an account to another person are
 * confirmed by ticking them and choosing the same file again (its SHA-256 must match).
 */
@Controller
class AccountImportController {

  /** Rows of problems shown on the page; the count says how many more there are. */
  static final int SHOWN_PROBLEMS = 500;

  private final AccountImporter importer;

  AccountImportController(AccountImporter importer) {
    this.importer = importer;
  }

  @GetMapping("/admin/accounts/import")
  String form(Model model) {
    model.addAttribute("columns", Arrays.asList(ImportColumn.values()));
    return "accounts/import";
  }

  @PostMapping("/admin/accounts/import")
  Mono<String> upload(@AuthenticationPrincipal Caller caller, @RequestPart("file") FilePart file, Model model,
                      ServerWebExchange exchange) {
    return exchange.getMultipartData().flatMap(parts -> {
      String confirmHash = text(parts.getFirst("confirmHash"));
      Set<String> confirmed = new LinkedHashSet<>();
      for (Part p : parts.getOrDefault("confirm", java.util.List.of())) {
        String email = text(p);
        if (email != null) {
          confirmed.add(email.strip().toLowerCase(java.util.Locale.ROOT));
        }
      }
      return UploadedFiles.withTempFile(file, (tmp, name) -> importer.importFile(caller, tmp, name, confirmHash, confirmed)
          .map(report -> {
            model.addAttribute("report", report);
            model.addAttribute("fileName", name);
            model.addAttribute("shown", report.problems().stream().limit(SHOWN_PROBLEMS).toList());
            model.addAttribute("shownChanges", report.changes().stream().limit(SHOWN_PROBLEMS).toList());
            model.addAttribute("columns", Arrays.asList(ImportColumn.values()));
            if (!report.ok()) {
              exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
            }
            return "accounts/import";
          }));
    });
  }

  private static String text(Part part) {
    return part instanceof FormFieldPart f && !f.value().isBlank() ? f.value() : null;
  }
}
