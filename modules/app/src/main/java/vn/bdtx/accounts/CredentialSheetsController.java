package vn.bdtx.accounts;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/**
 * /admin/accounts/credentials: one sheet per school. Issuing is a POST (it changes
 * passwords), answered with the XLSX file itself.
 */
@Controller
class CredentialSheetsController {

  static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  private final CredentialSheets sheets;

  CredentialSheetsController(CredentialSheets sheets) {
    this.sheets = sheets;
  }

  @GetMapping("/admin/accounts/credentials")
  Mono<String> list(Model model) {
    return sheets.schools().collectList().map(schools -> {
      model.addAttribute("schools", schools);
      return "accounts/credentials";
    });
  }

  @PostMapping("/admin/accounts/credentials/{schoolId}")
  Mono<ResponseEntity<byte[]>> issue(@AuthenticationPrincipal Caller caller, @PathVariable long schoolId) {
    return NotFound.orNotFound(sheets.issue(caller, schoolId)).map(sheet -> ResponseEntity.ok()
        .contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("phieu-tai-khoan-" + sheet.schoolCode() + ".xlsx", StandardCharsets.UTF_8).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(sheet.xlsx()));
  }
}
