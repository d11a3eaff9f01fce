package vn.bdtx.accounts;

/**
 * The fields of the password-change form and nothing else: any other field posted
 * is ignored (no mass assignment, ASVS 15.3.3).
 */
public class PasswordChangeForm {

  private String currentPassword = "";
  private String newPassword = "";
  private String confirmPassword = "";

  public String getCurrentPassword() {
    return currentPassword;
  }

  public void setCurrentPassword(String currentPassword) {
    this.currentPassword = currentPassword == null ? "" : currentPassword;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword == null ? "" : newPassword;
  }

  public String getConfirmPassword() {
    return confirmPassword;
  }

  public void setConfirmPassword(String confirmPassword) {
    this.confirmPassword = confirmPassword == null ? "" : confirmPassword;
  }

  /** Never echo passwords back into a re-rendered form. */
  PasswordChangeForm blank() {
    return new PasswordChangeForm();
  }
}
