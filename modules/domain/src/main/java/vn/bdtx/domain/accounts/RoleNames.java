package vn.bdtx.domain.accounts;

import java.util.Map;
import java.util.Optional;
import vn.bdtx.domain.text.Folding;

/** Role names as schools write them in their lists: the code name or the Vietnamese one. */
final class RoleNames {

  private static final Map<String, Role> NAMES = Map.ofEntries(
      Map.entry("hocvien", Role.LEARNER),
      Map.entry("cotcan", Role.CORE_TEACHER),
      Map.entry("giaoviencotcan", Role.CORE_TEACHER),
      Map.entry("baocaovien", Role.LECTURER),
      Map.entry("trogiang", Role.ASSISTANT),
      Map.entry("hieutruong", Role.PRINCIPAL));

  private RoleNames() {
  }

  static Optional<Role> parse(String text) {
    String key = Folding.key(text);
    for (Role r : Role.values()) {
      if (Folding.key(r.name()).equals(key)) {
        return Optional.of(r);
      }
    }
    return Optional.ofNullable(NAMES.get(key));
  }
}
