package vn.bdtx.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the first admin's password the way a new user does: from the start-up log. */
public final class FirstAdminLog {

  private static final Pattern PASSWORD = Pattern.compile("password : (\\S+)");

  private FirstAdminLog() {
  }

  public static String passwordIn(String log) {
    Matcher m = PASSWORD.matcher(log);
    if (!m.find()) {
      throw new AssertionError("the start-up log does not show the first admin's password");
    }
    String password = m.group(1);
    if (m.find()) {
      throw new AssertionError("the first admin's password is printed more than once");
    }
    return password;
  }
}
