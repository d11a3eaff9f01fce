package vn.bdtx.accounts;

import java.util.ArrayList;
import java.util.List;

/** The fields of the unit form; anything else posted is ignored. */
public class OrgUnitForm {

  private String kind = "";
  private String code = "";
  private String name = "";
  private Long parentId;
  private Long clusterId;
  private List<String> levels = new ArrayList<>();
  private String schoolType = "";

  static OrgUnitForm of(OrgUnit u) {
    var f = new OrgUnitForm();
    f.kind = u.kind().name();
    f.code = u.code();
    f.name = u.name();
    f.parentId = u.parentId();
    f.clusterId = u.clusterId();
    f.levels = new ArrayList<>(u.levels().stream().map(Enum::name).toList());
    f.schoolType = u.schoolType() == null ? "" : u.schoolType();
    return f;
  }

  public String getKind() { return kind; }
  public void setKind(String kind) { this.kind = kind == null ? "" : kind.strip(); }
  public String getCode() { return code; }
  public void setCode(String code) { this.code = code == null ? "" : code.strip(); }
  public String getName() { return name; }
  public void setName(String name) { this.name = name == null ? "" : name; }
  public Long getParentId() { return parentId; }
  public void setParentId(Long parentId) { this.parentId = parentId; }
  public Long getClusterId() { return clusterId; }
  public void setClusterId(Long clusterId) { this.clusterId = clusterId; }
  public List<String> getLevels() { return levels; }
  public void setLevels(List<String> levels) { this.levels = levels == null ? new ArrayList<>() : levels; }
  public String getSchoolType() { return schoolType; }
  public void setSchoolType(String schoolType) { this.schoolType = schoolType == null ? "" : schoolType.strip(); }
}
