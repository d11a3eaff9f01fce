package vn.bdtx.accounts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Level;
import vn.bdtx.domain.accounts.OrgUnitKind;
import vn.bdtx.domain.accounts.Placement;
import vn.bdtx.platform.audit.AuditLog;
import vn.bdtx.platform.security.Caller;

/**
 * Creating, renaming, moving and deactivating organisation units. Every refusal
 * is returned as field → message key, nothing is written then; every change is
 * audited in the same transaction.
 */
@Service
public class Organisation {

  /** A school's types, in the order the form offers them; each has a text {@code accounts.org.schoolType.<type>} (MessagesTest). */
  public static final List<String> SCHOOL_TYPES = List.of("PUBLIC", "PRIVATE", "OTHER");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{1,39}");

  private final OrgUnits units;
  private final AuditLog audit;
  private final TransactionalOperator tx;

  Organisation(OrgUnits units, AuditLog audit, TransactionalOperator tx) {
    this.units = units;
    this.audit = audit;
    this.tx = tx;
  }

  /** A unit with its depth in the tree, for an indented list. */
  public record TreeRow(OrgUnit unit, int depth) {
  }

  /** Outcome of a change: the unit's id, or the problems by field (message keys). */
  public record Outcome(Long id, Map<String, String> problems) {
    static Outcome refused(Map<String, String> problems) {
      return new Outcome(null, problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** The whole tree in display order: each unit followed by its children, clusters before schools. */
  public Mono<List<TreeRow>> tree() {
    return units.all().collectList().map(all -> {
      Map<Long, List<OrgUnit>> children = new HashMap<>();
      List<OrgUnit> roots = new ArrayList<>();
      for (OrgUnit u : all) {
        if (u.parentId() == null) {
          roots.add(u);
        } else {
          children.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
        }
      }
      var rows = new ArrayList<TreeRow>();
      Comparator<OrgUnit> order = Comparator.comparing(OrgUnit::kind).thenComparing(OrgUnit::name);
      roots.sort(order);
      for (OrgUnit r : roots) {
        walk(r, 0, children, order, rows);
      }
      return rows;
    });
  }

  private static void walk(OrgUnit u, int depth, Map<Long, List<OrgUnit>> children, Comparator<OrgUnit> order,
                           List<TreeRow> rows) {
    rows.add(new TreeRow(u, depth));
    List<OrgUnit> kids = children.getOrDefault(u.id(), new ArrayList<>());
    kids.sort(order);
    for (OrgUnit k : kids) {
      walk(k, depth + 1, children, order, rows);
    }
  }

  public Mono<Outcome> create(Caller actor, OrgUnitForm form) {
    Map<String, String> problems = new LinkedHashMap<>();
    OrgUnitKind kind = parseKind(form.getKind(), problems);
    if (!CODE.matcher(form.getCode()).matches()) {
      problems.put("code", "accounts.org.problem.BAD_CODE");
    }
    return validated(null, kind, form, problems).flatMap(fields -> {
      if (!problems.isEmpty()) {
        return Mono.just(Outcome.refused(problems));
      }
      Mono<Boolean> secondDepartment = kind == OrgUnitKind.DEPARTMENT ? units.departmentExists() : Mono.just(false);
      return secondDepartment.flatMap(exists -> exists
          ? Mono.just(Outcome.refused(Map.of("kind", "accounts.org.problem.DEPARTMENT_EXISTS")))
          : createUnique(actor, form, kind, fields));
    });
  }

  private Mono<Outcome> createUnique(Caller actor, OrgUnitForm form, OrgUnitKind kind, Fields fields) {
    Mono<Outcome> insert = Mono.defer(() -> units.insert(kind, form.getCode(), fields.name(), form.getParentId(),
            fields.clusterId(), fields.levels(), fields.schoolType())
        .flatMap(id -> audit.record(actor, "ORG_UNIT_CREATED", "org_unit", id,
                Map.of("kind", kind.name(), "code", form.getCode(), "name", fields.name()))
            .thenReturn(new Outcome(id, Map.of()))));
    return units.byCode(form.getCode())
        .map(existing -> Outcome.refused(Map.of("code", "accounts.org.problem.CODE_TAKEN")))
        .switchIfEmpty(insert)
        .as(tx::transactional);
  }

  /** Renames and/or moves a unit; its kind and code do not change. */
  public Mono<Outcome> update(Caller actor, long id, OrgUnitForm form) {
    return units.byId(id).flatMap(unit -> {
      Map<String, String> problems = new LinkedHashMap<>();
      return validated(unit, unit.kind(), form, problems).flatMap(fields -> {
        if (!problems.isEmpty()) {
          return Mono.just(Outcome.refused(problems));
        }
        return units.update(id, fields.name(), form.getParentId(), fields.clusterId(), fields.levels(), fields.schoolType())
            .then(audit.record(actor, "ORG_UNIT_CHANGED", "org_unit", id, Map.of(
                "oldName", unit.name(), "name", fields.name(),
                "oldParentId", String.valueOf(unit.parentId()), "parentId", String.valueOf(form.getParentId()))))
            .thenReturn(new Outcome(id, Map.of()))
            .as(tx::transactional);
      });
    });
  }

  /** Deactivates a unit that has no active children (accounts keep their history). */
  public Mono<Outcome> setActive(Caller actor, long id, boolean active) {
    return units.byId(id).flatMap(unit -> {
      Mono<Long> children = active ? Mono.just(0L) : units.activeChildren(id);
      return children.flatMap(n -> n > 0
          ? Mono.just(Outcome.refused(Map.of("active", "accounts.org.problem.HAS_ACTIVE_CHILDREN")))
          : units.setActive(id, active)
              .then(audit.record(actor, active ? "ORG_UNIT_ACTIVATED" : "ORG_UNIT_DEACTIVATED", "org_unit", id,
                  Map.of("code", unit.code())))
              .thenReturn(new Outcome(id, Map.of()))
              .as(tx::transactional));
    });
  }

  private record Fields(String name, Long clusterId, Set<Level> levels, String schoolType) {
  }

  private Mono<Fields> validated(OrgUnit existing, OrgUnitKind kind, OrgUnitForm form, Map<String, String> problems) {
    String name = Normalizer.normalize(form.getName(), Normalizer.Form.NFC).strip().replaceAll(" +", " ");
    if (name.length() < 2 || name.length() > 200
        || name.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
      problems.put("name", "accounts.org.problem.BAD_NAME");
    }
    Set<Level> levels = EnumSet.noneOf(Level.class);
    for (String l : form.getLevels()) {
      Level.parse(l).ifPresentOrElse(levels::add, () -> problems.put("levels", "accounts.org.problem.BAD_LEVEL"));
    }
    String schoolType = form.getSchoolType().isEmpty() ? null : form.getSchoolType();
    if (kind == OrgUnitKind.SCHOOL) {
      if (levels.isEmpty()) {
        problems.putIfAbsent("levels", "accounts.org.problem.LEVELS_REQUIRED");
      }
      if (schoolType != null && !SCHOOL_TYPES.contains(schoolType)) {
        problems.put("schoolType", "accounts.org.problem.BAD_SCHOOL_TYPE");
      }
    } else {
      levels.clear();
      schoolType = null;
    }
    if (kind == null) {
      return Mono.just(new Fields(name, null, levels, schoolType));
    }
    Long unitId = existing == null ? null : existing.id();
    Mono<Void> parentCheck = form.getParentId() == null
        ? Mono.fromRunnable(() -> placement(kind, unitId, null, true, List.of(), problems))
        : units.byId(form.getParentId())
            .flatMap(parent -> units.ancestry(parent.id())
                .doOnNext(ancestry -> placement(kind, unitId, parent.kind(), parent.active(), ancestry, problems)))
            .switchIfEmpty(Mono.fromRunnable(() -> problems.put("parentId", "accounts.org.problem.UNKNOWN_PARENT")))
            .then();
    String type = schoolType;
    Long clusterId = kind == OrgUnitKind.SCHOOL ? form.getClusterId() : null;
    Mono<Void> clusterCheck = clusterId == null ? Mono.empty()
        : units.byId(clusterId)
            .filter(c -> c.kind() == OrgUnitKind.CLUSTER && c.active())
            .switchIfEmpty(Mono.fromRunnable(() -> problems.put("clusterId", "accounts.org.problem.BAD_CLUSTER")))
            .then();
    return parentCheck.then(clusterCheck).thenReturn(new Fields(name, clusterId, levels, type));
  }

  private static void placement(OrgUnitKind kind, Long unitId, OrgUnitKind parentKind, boolean parentActive,
                                List<Long> ancestry, Map<String, String> problems) {
    Placement.check(kind, unitId, parentKind, parentActive, ancestry).stream().findFirst()
        .ifPresent(r -> problems.put("parentId", "accounts.org.problem." + r.name()));
  }

  private static OrgUnitKind parseKind(String kind, Map<String, String> problems) {
    Optional<OrgUnitKind> k = java.util.Arrays.stream(OrgUnitKind.values()).filter(v -> v.name().equals(kind)).findFirst();
    if (k.isEmpty()) {
      problems.put("kind", "accounts.org.problem.BAD_KIND");
    }
    return k.orElse(null);
  }
}
