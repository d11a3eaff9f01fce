package vn.bdtx.domain.assignments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.bdtx.domain.cohorts.Window;

/**
 * When a final-assignment submission is accepted and which files it may hold.
 * A submission is a set of files handed in together; each new one is a new
 * version and the earlier ones are kept. The type of a file is what its bytes
 * say (detected by the caller), never its name.
 *
 * @param maxFiles    files in one submission
 * @param maxDocument largest PDF, Word, PowerPoint or Excel file, in bytes
 * @param maxImage    largest image
 * @param maxVideo    largest (short) video
 * @param maxTotal    all files of one submission together
 */
public record SubmissionRules(int maxFiles, long maxDocument, long maxImage, long maxVideo, long maxTotal) {

  /** What a file is, from its detected content type. */
  public enum Kind { DOCUMENT, IMAGE, VIDEO }

  /** Content types accepted, with the extension a download gets. */
  public static final Map<String, Kind> ACCEPTED = Map.of(
      "application/pdf", Kind.DOCUMENT,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Kind.DOCUMENT,
      "application/vnd.openxmlformats-officedocument.presentationml.presentation", Kind.DOCUMENT,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Kind.DOCUMENT,
      "image/jpeg", Kind.IMAGE,
      "image/png", Kind.IMAGE,
      "video/mp4", Kind.VIDEO,
      "video/webm", Kind.VIDEO);

  /** Why a submission as a whole is refused. */
  public enum Refusal {
    /** A reference subject submits nothing. */
    NOT_SUBMITTED_IN_THIS_SUBJECT,
    /** Before the finishing phase. */
    NOT_YET_OPEN,
    /** At or after the effective deadline (extensions included). */
    AFTER_DEADLINE,
    /** Graded and not returned for revision: the grade stands. */
    GRADED,
    NO_FILES,
    TOO_MANY_FILES,
    TOO_LARGE_TOGETHER
  }

  /**
   * Why one file is refused. The OLD_* problems are Office files in the binary
   * formats of Office 97–2003 (.doc, .xls, .ppt: an OLE2 container): refused, with
   * the way to save them in the current format, named after the program the file's
   * name points to (OLD_OFFICE when it names none).
   */
  public enum FileProblem { EMPTY, TYPE_NOT_ACCEPTED, TOO_LARGE, OLD_WORD, OLD_EXCEL, OLD_POWERPOINT, OLD_OFFICE }

  /**
   * Content types of Office 97–2003 files: what a detector reading only the
   * bytes says of any OLE2 container (Tika's "x-tika-msoffice"), and the precise
   * types a fuller detector gives. They are refused rather than accepted: graders
   * open submissions on phones and in browsers, which show none of them, and the
   * binary formats carry macros; saving as .docx/.xlsx/.pptx takes a minute.
   */
  public static final java.util.Set<String> OLD_OFFICE_TYPES = java.util.Set.of(
      "application/x-tika-msoffice", "application/msword", "application/vnd.ms-excel",
      "application/vnd.ms-powerpoint", "application/x-ole-storage", "application/x-tika-msoffice-embedded");

  /** A file as received: the name the learner gave it, its detected type and size. */
  public record Incoming(String name, String detectedType, long size) {
  }

  public record FileRefusal(int position, String name, FileProblem problem, String detectedType, long limit) {
  }

  /** Nothing is stored unless both lists are empty. */
  public record Decision(List<Refusal> refusals, List<FileRefusal> files) {
    public boolean accepted() {
      return refusals.isEmpty() && files.isEmpty();
    }
  }

  /**
   * @param window     the enrollment's submission window, empty for a reference subject
   * @param graded     the latest version is graded and was not returned for revision
   */
  public Decision decide(Optional<Window> window, boolean graded, List<Incoming> files, Instant now) {
    var refusals = new ArrayList<Refusal>();
    if (window.isEmpty()) {
      refusals.add(Refusal.NOT_SUBMITTED_IN_THIS_SUBJECT);
    } else if (now.isBefore(window.get().opens())) {
      refusals.add(Refusal.NOT_YET_OPEN);
    } else if (window.get().isOver(now)) {
      refusals.add(Refusal.AFTER_DEADLINE);
    } else if (graded) {
      refusals.add(Refusal.GRADED);
    }
    if (!refusals.isEmpty()) {
      return new Decision(List.copyOf(refusals), List.of());
    }
    if (files.isEmpty()) {
      return new Decision(List.of(Refusal.NO_FILES), List.of());
    }
    if (files.size() > maxFiles) {
      refusals.add(Refusal.TOO_MANY_FILES);
    }
    var problems = new ArrayList<FileRefusal>();
    long total = 0;
    for (int i = 0; i < files.size(); i++) {
      Incoming f = files.get(i);
      total += f.size();
      Kind kind = kindOf(f.detectedType()).orElse(null);
      if (f.size() == 0) {
        problems.add(new FileRefusal(i + 1, f.name(), FileProblem.EMPTY, f.detectedType(), 0));
      } else if (kind == null && isOldOffice(f.detectedType())) {
        problems.add(new FileRefusal(i + 1, f.name(), oldOfficeProblem(f.name()), f.detectedType(), 0));
      } else if (kind == null) {
        problems.add(new FileRefusal(i + 1, f.name(), FileProblem.TYPE_NOT_ACCEPTED, f.detectedType(), 0));
      } else if (f.size() > limit(kind)) {
        problems.add(new FileRefusal(i + 1, f.name(), FileProblem.TOO_LARGE, f.detectedType(), limit(kind)));
      }
    }
    if (total > maxTotal) {
      refusals.add(Refusal.TOO_LARGE_TOGETHER);
    }
    return new Decision(List.copyOf(refusals), List.copyOf(problems));
  }

  static boolean isOldOffice(String detectedType) {
    return detectedType != null && OLD_OFFICE_TYPES.contains(detectedType.toLowerCase(Locale.ROOT));
  }

  /** Which program to save the old file again with, from the name's extension (the bytes of OLE2 do not say it alone). */
  static FileProblem oldOfficeProblem(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT).strip();
    String ext = n.lastIndexOf('.') >= 0 ? n.substring(n.lastIndexOf('.') + 1) : "";
    switch (ext) {
      case "doc", "dot", "rtf", "docx", "wps":
        return FileProblem.OLD_WORD;
      case "xls", "xlt", "xla", "xlsx", "et":
        return FileProblem.OLD_EXCEL;
      case "ppt", "pps", "pot", "pptx", "dps":
        return FileProblem.OLD_POWERPOINT;
      default:
        return FileProblem.OLD_OFFICE;
    }
  }

  public long limit(Kind kind) {
    switch (kind) {
      case IMAGE:
        return maxImage;
      case VIDEO:
        return maxVideo;
      default:
        return maxDocument;
    }
  }

  public static Optional<Kind> kindOf(String detectedType) {
    return Optional.ofNullable(detectedType == null ? null : ACCEPTED.get(detectedType.toLowerCase(Locale.ROOT)));
  }

  /** Whether a browser can show the file itself (PDF, images) rather than download it. */
  public static boolean showsInline(String type) {
    return "application/pdf".equals(type) || "image/jpeg".equals(type) || "image/png".equals(type);
  }

  /**
   * The name a file is kept and downloaded under: the last segment of what the
   * learner's browser sent, without control or bidirectional characters, at most
   * 200 characters cut between whole characters ({@link vn.bdtx.domain.text.FileNames}),
   * "tep" when nothing is left.
   */
  public static String safeName(String raw) {
    return vn.bdtx.domain.text.FileNames.clean(raw, 200);
  }

}
