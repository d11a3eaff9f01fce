package vn.bdtx.accounts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/**
 * /admin/accounts/credentials: one sheet per school, or the sheets of a whole district
 * or of the province as one ZIP (one XLSX per school, named after it). Issuing is a
 * POST (it changes passwords), answered with the file itself. The ZIP is written school
 * by school as the browser reads it, never whole in memory.
 */
@Controller
class CredentialSheetsController {

  static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  static final MediaType ZIP = MediaType.parseMediaType("application/zip");
  private final CredentialSheets sheets;

  CredentialSheetsController(CredentialSheets sheets) {
    this.sheets = sheets;
  }

  @GetMapping("/admin/accounts/credentials")
  Mono<String> list(Model model) {
    return sheets.schools().collectList().zipWith(sheets.districts().collectList()).map(t -> {
      model.addAttribute("schools", t.getT1());
      model.addAttribute("districts", t.getT2());
      model.addAttribute("provinceWaiting", t.getT2().stream().mapToLong(CredentialSheets.DistrictCount::waiting).sum());
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

  /** Every active school of one district office, one XLSX each, in a ZIP. */
  @PostMapping("/admin/accounts/credentials/districts/{districtId}")
  Mono<ResponseEntity<Flux<DataBuffer>>> district(@AuthenticationPrincipal Caller caller, @PathVariable long districtId) {
    requireProvinceItAdmin(caller);
    return NotFound.orNotFound(sheets.districtCode(districtId))
        .map(code -> zipResponse("phieu-tai-khoan-" + code + ".zip", sheets.issueAll(caller, districtId)));
  }

  /** Every active school of the province, one XLSX each, in a ZIP. */
  @PostMapping("/admin/accounts/credentials/province")
  Mono<ResponseEntity<Flux<DataBuffer>>> province(@AuthenticationPrincipal Caller caller) {
    requireProvinceItAdmin(caller);
    return Mono.just(zipResponse("phieu-tai-khoan-ca-tinh.zip", sheets.issueAll(caller, null)));
  }

  /** Sheets for many schools are the province IT team's: the role alone is checked by the path, the scope here. */
  private static void requireProvinceItAdmin(Caller caller) {
    boolean province = caller.grants().stream()
        .anyMatch(g -> g.role() == Role.IT_ADMIN && g.scopeType() == ScopeType.PROVINCE);
    if (!province) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN);
    }
  }

  private static ResponseEntity<Flux<DataBuffer>> zipResponse(String name, Flux<CredentialSheets.Sheet> sheets) {
    return ResponseEntity.ok()
        .contentType(ZIP)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(zip(sheets));
  }

  /** The ZIP as it is written: each school's entry leaves as soon as its sheet is issued. */
  static Flux<DataBuffer> zip(Flux<CredentialSheets.Sheet> sheets) {
    return Flux.using(ZipWriter::new,
        writer -> sheets.map(writer::add).concatWith(Mono.fromCallable(writer::finish)),
        ZipWriter::close);
  }

  private static final class ZipWriter {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final ZipOutputStream zip = new ZipOutputStream(buffer, StandardCharsets.UTF_8);
    private final Set<String> names = new HashSet<>();

    DataBuffer add(CredentialSheets.Sheet sheet) {
      String base = clean(sheet.schoolName());
      String name = base + ".xlsx";
      if (!names.add(name)) {
        name = base + " (" + clean(sheet.schoolCode()) + ").xlsx";
        names.add(name);
      }
      try {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(sheet.xlsx());
        zip.closeEntry();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return drain();
    }

    DataBuffer finish() throws IOException {
      zip.finish();
      return drain();
    }

    private DataBuffer drain() {
      DataBuffer out = DefaultDataBufferFactory.sharedInstance.wrap(buffer.toByteArray());
      buffer.reset();
      return out;
    }

    void close() {
      try {
        zip.close();
      } catch (IOException ignored) {
        // the response is over either way
      }
    }
  }

  /** A file name without path separators, control or reserved characters. */
  static String clean(String s) {
    String c = s.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "-").strip();
    return c.isEmpty() || c.startsWith(".") ? "_" + c : c;
  }
}
