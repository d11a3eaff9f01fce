package vn.bdtx.domain.cohorts;

import static vn.bdtx.domain.imports.Column.mandatory;
import static vn.bdtx.domain.imports.Column.optional;

import vn.bdtx.domain.imports.Column;

/**
 * The columns of a module-run file: one row per learner, each naming the class
 * (lớp) they join; the class's course, start date and lecturer repeat on its
 * rows. Headers match without case, diacritics or spacing.
 */
public enum RunColumn implements Column {
  COHORT(mandatory("lop", "ten lop", "class")),
  MODULE(mandatory("mo_dun", "module")),
  LEVEL(mandatory("cap_hoc", "level")),
  SUBJECT(mandatory("mon", "mon hoc", "subject")),
  START(mandatory("ngay_bat_dau", "bat dau", "start")),
  TEMPLATE(optional("lich", "lich hoc", "schedule")),
  LECTURER(mandatory("bao_cao_vien", "lecturer")),
  ASSISTANTS(optional("tro_giang", "assistants")),
  LEARNER(mandatory("hoc_vien", "email", "learner")),
  KIND(optional("loai", "loai dang ky", "kind")),
  CORE_TEACHER(optional("cot_can", "giao vien cot can", "core teacher")),
  /** Modules the learner completed before BDTX (codes separated by ";"), vouched for by the department. */
  COMPLETED(optional("da_hoan_thanh", "da hoc", "completed"));

  private final Declared declared;

  RunColumn(Declared declared) {
    this.declared = declared;
  }

  @Override
  public Declared declared() {
    return declared;
  }
}
