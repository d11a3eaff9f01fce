package vn.bdtx.domain.accounts;

import java.util.List;
import java.util.Optional;
import vn.bdtx.domain.text.Headers;

/**
 * The columns of an account import file. Headers are matched without case,
 * diacritics or spacing, so "Họ và tên", "HO_VA_TEN" and "full name" are one column; the
 * names are the variants schools write ("Môn dạy chính", "SĐT", "Trường" …).
 */
public enum ImportColumn {
  FULL_NAME(true, "ho_va_ten", "ho ten", "ho va ten giao vien", "ho ten giao vien", "ho va ten hoc vien",
      "full name", "name"),
  EMAIL(true, "email", "thu dien tu", "dia chi email", "dia chi thu dien tu", "e-mail"),
  DATE_OF_BIRTH(false, "ngay_sinh", "ngay thang nam sinh", "sinh ngay", "date of birth", "dob"),
  PHONE(false, "dien_thoai", "so dien thoai", "sdt", "dt", "so dt", "dien thoai di dong", "di dong", "phone"),
  SCHOOL_CODE(true, "ma_truong", "ma don vi", "truong", "ten truong", "don vi", "don vi cong tac", "noi cong tac",
      "school code", "school"),
  LEVEL(true, "cap_hoc", "cap", "level"),
  POSITION(true, "chuc_vu", "vi tri", "doi tuong", "chuc danh", "doi tuong boi duong", "position"),
  MAIN_SUBJECT(false, "mon_chinh", "mon day chinh", "mon giang day", "mon giang day chinh", "mon day", "bo mon",
      "mon", "main subject"),
  OTHER_SUBJECTS(false, "mon_khac", "mon tham khao", "mon kiem nhiem", "mon day khac", "other subjects"),
  ROLES(false, "vai_tro", "vai tro trong boi duong", "roles");

  private final boolean required;
  private final List<String> headers;

  ImportColumn(boolean required, String... headers) {
    this.required = required;
    this.headers = List.of(headers);
  }

  public boolean required() {
    return required;
  }

  /** The header as written in the sample files. */
  public String sampleHeader() {
    return headers.get(0);
  }

  /** Every name this column is recognised by, the sample header first. */
  public List<String> headers() {
    return headers;
  }

  public static Optional<ImportColumn> forHeader(String header) {
    return Headers.find(header, ImportColumn.class, ImportColumn::headers);
  }
}
