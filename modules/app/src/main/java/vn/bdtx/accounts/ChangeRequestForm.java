package vn.bdtx.accounts;

/** A request to correct one's e-mail or school; the IT admin decides. */
public class ChangeRequestForm {

  private String kind = "";
  private String newEmail = "";
  private String newSchoolCode = "";
  private String reason = "";

  public String getKind() { return kind; }
  public void setKind(String v) { this.kind = v == null ? "" : v.strip(); }
  public String getNewEmail() { return newEmail; }
  public void setNewEmail(String v) { this.newEmail = v == null ? "" : v.strip(); }
  public String getNewSchoolCode() { return newSchoolCode; }
  public void setNewSchoolCode(String v) { this.newSchoolCode = v == null ? "" : v.strip(); }
  public String getReason() { return reason; }
  public void setReason(String v) { this.reason = v == null ? "" : v; }
}
