package vn.bdtx.domain.accounts;

import static vn.bdtx.domain.imports.Column.mandatory;
import static vn.bdtx.domain.imports.Column.optional;

import vn.bdtx.domain.imports.Column;

/**
 * The columns of an account import file. Headers are matched without case,
 * diacritics or spacing, so "Họ và tên", "HO_VA_TEN" and "full name" are one column; the
 * names are the variants schools write ("Môn dạy chính", "SĐT", "Trường" …).
 */
public enum ImportColumn implements Column {
  FULL_NAME(mandatory("ho_va_ten", "ho ten", "ho va ten giao vien", "ho ten giao vien", "ho va ten hoc vien",
      "full name", "name")),
  EMAIL(mandatory("email", "thu dien tu", "dia chi email", "dia chi thu dien tu", "e-mail")),
  DATE_OF_BIRTH(optional("ngay_sinh", "ngay thang nam sinh", "sinh ngay", "date of birth", "dob")),
  PHONE(optional("dien_thoai", "so dien thoai", "sdt", "dt", "so dt", "dien thoai di dong", "di dong", "phone")),
  SCHOOL_CODE(mandatory("ma_truong", "ma don vi", "truong", "ten truong", "don vi", "don vi cong tac", "noi cong tac",
      "school code", "school")),
  LEVEL(mandatory("cap_hoc", "cap", "level")),
  POSITION(mandatory("chuc_vu", "vi tri", "doi tuong", "chuc danh", "doi tuong boi duong", "position")),
  MAIN_SUBJECT(optional("mon_chinh", "mon day chinh", "mon giang day", "mon giang day chinh", "mon day", "bo mon",
      "mon", "main subject")),
  OTHER_SUBJECTS(optional("mon_khac", "mon tham khao", "mon kiem nhiem", "mon day khac", "other subjects")),
  ROLES(optional("vai_tro", "vai tro trong boi duong", "roles"));

  private final Declared declared;

  ImportColumn(Declared declared) {
    this.declared = declared;
  }

  @Override
  public Declared declared() {
    return declared;
  }
}
