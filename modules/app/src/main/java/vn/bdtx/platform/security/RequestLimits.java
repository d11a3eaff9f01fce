package vn.bdtx.platform.security;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * How large a body each route takes, and how many uploads one account may have in
 * flight — the settings {@link BodyLimits} and {@link UploadsInFlight} judge by
 * (README, "Limits"). An upload route takes its largest file (or a submission's
 * files together) plus {@link #FORM_OVERHEAD} for the form's other fields and the
 * multipart framing; every other route takes a small form ({@code bdtx.web.max-form-size},
 * the same as the form reader's own 256 KB, so no form that works today is refused).
 */
@Component
class RequestLimits {

  /** The form's other fields and the multipart boundaries around the files. */
  static final long FORM_OVERHEAD = DataSize.ofMegabytes(1).toBytes();

  private final List<Map.Entry<PathPattern, Long>> uploadRoutes;
  private final long formBytes;
  private final int uploadsPerAccount;

  RequestLimits(@Value("${bdtx.web.max-form-size:256KB}") DataSize form,
                @Value("${bdtx.web.max-uploads-per-account:3}") int uploadsPerAccount,
                @Value("${bdtx.assignments.max-total-size}") DataSize submission,
                @Value("${bdtx.assignments.max-document-size}") DataSize submittedDocument,
                @Value("${bdtx.content.max-video-size}") DataSize lectureMedia,
                @Value("${bdtx.content.max-document-size}") DataSize lectureDocument,
                @Value("${bdtx.import.max-file-size}") DataSize imports,
                @Value("${bdtx.questions.max-file:5MB}") DataSize questionFile,
                @Value("${bdtx.peer-support.max-file-size:20MB}") DataSize peerSupportFile) {
    this.formBytes = form.toBytes();
    this.uploadsPerAccount = uploadsPerAccount;
    var parser = PathPatternParser.defaultInstance;
    this.uploadRoutes = List.of(
        Map.entry(parser.parse("/learn/*/submission"), submission.toBytes()),
        Map.entry(parser.parse("/meetings/*/files"), submission.toBytes()),
        Map.entry(parser.parse("/cohorts/*/grading/*"), submittedDocument.toBytes()),
        Map.entry(parser.parse("/lecturer/courses/*/lectures"), lectureMedia.toBytes()),
        Map.entry(parser.parse("/lecturer/courses/*/lectures/*"), lectureMedia.toBytes()),
        Map.entry(parser.parse("/lecturer/courses/*/assignment"), lectureDocument.toBytes()),
        Map.entry(parser.parse("/lecturer/courses/*/questions/import"), imports.toBytes()),
        Map.entry(parser.parse("/admin/accounts/import"), imports.toBytes()),
        Map.entry(parser.parse("/admin/org/import"), imports.toBytes()),
        Map.entry(parser.parse("/runs/import"), imports.toBytes()),
        Map.entry(parser.parse("/cohorts/*/questions"), questionFile.toBytes()),
        Map.entry(parser.parse("/peer-support/runs/*/*"), peerSupportFile.toBytes()));
  }

  /** The largest body {@code path} takes, in bytes. */
  long bodyBytes(org.springframework.http.server.PathContainer path) {
    for (var route : uploadRoutes) {
      if (route.getKey().matches(path)) {
        return route.getValue() + FORM_OVERHEAD;
      }
    }
    return formBytes;
  }

  int uploadsPerAccount() {
    return uploadsPerAccount;
  }
}
