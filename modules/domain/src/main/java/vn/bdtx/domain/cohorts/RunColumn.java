package vn.bdtx.domain.cohorts;

import java.util.List;
import java.util.Optional;
import vn.bdtx.domain.text.Headers;

/**
 * The columns of a module-run file: one row per learner, each naming the class
 * (lớp) they join; the class's course, start date and lecturer repeat on its
 * rows. Headers match without case, diacritics or spacing.
 */
public enum RunColumn {
  COHORT(true, "lop", "ten lop", "class"),
  MODULE(true, "mo_dun", "module"),
  LEVEL(true, "cap_hoc", "level"),
  SUBJECT(true, "mon", "mon hoc", "subject"),
  START(true, "ngay_bat_dau", "bat dau", "start"),
  TEMPLATE(false, "lich", "lich hoc", "schedule"),
  LECTURER(true, "bao_cao_vien", "lecturer"),
  ASSISTANTS(false, "tro_giang", "assistants"),
  LEARNER(true, "hoc_vien", "email", "learner"),
  KIND(false, "loai", "loai dang ky", "kind"),
  CORE_TEACHER(false, "cot_can", "giao vien cot can", "core teacher"),
  /** Modules the learner completed before BDTX (codes separated by ";"), vouched for by the department. */
  COMPLETED(false, "da_hoan_thanh", "da hoc", "completed");

  private final boolean required;
  private final List<String> headers;

  RunColumn(boolean required, String... headers) {
    this.required = required;
    this.headers = List.of(headers);
  }

  public boolean required() {
    return required;
  }

  public String sampleHeader() {
    return headers.get(0);
  }

  /** Every name this column is recognised by, the sample header first. */
  public List<String> headers() {
    return headers;
  }

  public static Optional<RunColumn> forHeader(String header) {
    return Headers.find(header, RunColumn.class, RunColumn::headers);
  }

}
