package vn.bdtx.accounts;

/** The fields a learner may edit themselves (seed 001: profile update in days 1–2); nothing else is bound. */
public class ProfileForm {

  private String dateOfBirth = "";
  private String level = "";
  private String phone = "";

  public String getDateOfBirth() { return dateOfBirth; }
  public void setDateOfBirth(String v) { this.dateOfBirth = v == null ? "" : v.strip(); }
  public String getLevel() { return level; }
  public void setLevel(String v) { this.level = v == null ? "" : v.strip(); }
  public String getPhone() { return phone; }
  public void setPhone(String v) { this.phone = v == null ? "" : v.strip(); }
}
