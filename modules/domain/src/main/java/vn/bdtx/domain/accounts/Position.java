package vn.bdtx.domain.accounts;

import java.util.Optional;
import vn.bdtx.domain.text.Folding;

/** Giáo viên or cán bộ quản lý: the audience of a module (GV-xx or CBQL-xx). */
public enum Position {
  TEACHER("gv", "giaovien", "teacher"),
  MANAGER("cbql", "canboquanly", "quanly", "manager");

  private final String[] names;

  Position(String... names) {
    this.names = names;
  }

  public static Optional<Position> parse(String text) {
    String folded = Folding.key(text);
    for (Position p : values()) {
      for (String n : p.names) {
        if (n.equals(folded)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }
}
