package vn.bdtx.domain.accounts;

import java.util.List;
import java.util.Optional;
import vn.bdtx.domain.text.Folding;

/**
 * The columns of an account import file. Headers are matched without case,
 * diacritics or spacing, so "Họ và tên", "HO_VA_TEN" and "full name" are one column.
 */
public enum ImportColumn {
  FULL_NAME(true, "ho_va_ten", "ho ten", "full name", "name"),
  EMAIL(true, "email", "thu dien tu", "dia chi email"),
  DATE_OF_BIRTH(false, "ngay_sinh", "date of birth", "dob"),
  PHONE(false, "dien_thoai", "so dien thoai", "sdt", "phone"),
  SCHOOL_CODE(true, "ma_truong", "ma don vi", "school code"),
  LEVEL(true, "cap_hoc", "level"),
  POSITION(true, "chuc_vu", "vi tri", "doi tuong", "position"),
  MAIN_SUBJECT(false, "mon_chinh", "main subject"),
  OTHER_SUBJECTS(false, "mon_khac", "mon tham khao", "other subjects"),
  ROLES(false, "vai_tro", "roles");

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

  public static Optional<ImportColumn> forHeader(String header) {
    String key = Folding.key(header);
    for (ImportColumn c : values()) {
      if (c.headers.stream().anyMatch(h -> Folding.key(h).equals(key))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
