package vn.bdtx.support;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bdtx.support.WebSession.form;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.util.LinkedMultiValueMap;

/** Builds organisation units through the IT admin's pages, as a person would. */
public final class Province {

  private static final Pattern CREATED = Pattern.compile("created=(\\d+)");
  private final WebSession admin;

  public Province(WebSession admin) {
    this.admin = admin;
  }

  public long department(String code, String name) {
    return create("DEPARTMENT", code, name, null, null);
  }

  /**
   * The install's one department, for classes that share an application ({@link SharedProvinceContext}): the first
   * class to ask creates it through the pages, the others build their districts and schools under it.
   */
  public long sharedDepartment(DatabaseClient db) {
    Long existing = db.sql("SELECT id FROM org_unit WHERE kind = 'DEPARTMENT'").map((r, m) -> r.get("id", Long.class))
        .one().block(Duration.ofSeconds(5));
    return existing != null ? existing : department("SO-CHUNG", "Sở GD&ĐT");
  }

  public long district(String code, String name, long departmentId) {
    return create("DISTRICT_OFFICE", code, name, departmentId, null);
  }

  public long cluster(String code, String name, long parentId) {
    return create("CLUSTER", code, name, parentId, null);
  }

  public long school(String code, String name, long parentId, Long clusterId, String... levels) {
    return create("SCHOOL", code, name, parentId, clusterId, levels);
  }

  public long create(String kind, String code, String name, Long parentId, Long clusterId, String... levels) {
    admin.get("/admin/org");
    var fields = new LinkedMultiValueMap<>(form("kind", kind, "code", code, "name", name));
    if (parentId != null) {
      fields.add("parentId", String.valueOf(parentId));
    }
    if (clusterId != null) {
      fields.add("clusterId", String.valueOf(clusterId));
    }
    for (String l : levels) {
      fields.add("levels", l);
    }
    var result = admin.postForm("/admin/org", fields);
    var location = String.valueOf(result.getResponseHeaders().getLocation());
    var m = CREATED.matcher(location);
    assertThat(m.find()).as("unit %s created, got %s %s", code, result.getStatus(), location).isTrue();
    return Long.parseLong(m.group(1));
  }
}
