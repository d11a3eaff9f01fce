package vn.bdtx.domain.accounts;

import java.util.List;
import java.util.Optional;
import vn.bdtx.domain.text.Folding;

/**
 * The columns of an account import file. Headers are matched without case,
 * diacritics or spacing, so "Họ và tên", "HO_VA_TEN" and "full name" are one column.
 */
public enum ImportColumn {
  FULL_NAME(true, "hovaten", "hoten", "fullname", "name"),
  EMAIL(true, "email", "thudientu", "diachiemail"),
  DATE_OF_BIRTH(false, "ngaysinh", "dateofbirth", "dob"),
  PHONE(false, "dienthoai", "sodienthoai", "sdt", "phone"),
  SCHOOL_CODE(true, "matruong", "madonvi", "schoolcode"),
  LEVEL(true, "caphoc", "level"),
  POSITION(true, "chucvu", "vitri", "doituong", "position"),
  MAIN_SUBJECT(false, "monchinh", "mainsubject"),
  OTHER_SUBJECTS(false, "monkhac", "monthamkhao", "othersubjects"),
  ROLES(false, "vaitro", "roles");

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
      if (c.headers.contains(key)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
