package vn.bdtx.accounts;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import vn.bdtx.domain.accounts.Level;
import vn.bdtx.domain.accounts.OrgUnitKind;

/** One unit of the organisation tree as stored. */
public record OrgUnit(long id, OrgUnitKind kind, String code, String name, Long parentId, Long clusterId,
                      Set<Level> levels, String schoolType, boolean active) {

  static Set<Level> levelsOf(String stored) {
    if (stored == null || stored.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(stored.split(",")).map(String::strip).map(Level::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Level.class)));
  }

  static String store(Set<Level> levels) {
    return levels.stream().sorted().map(Level::name).collect(Collectors.joining(","));
  }
}
