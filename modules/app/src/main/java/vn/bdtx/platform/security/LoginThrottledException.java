package vn.bdtx.platform.security;

import java.time.Duration;
import org.springframework.security.authentication.LockedException;

/** Too many attempts: the login is refused without checking the password, until {@link #retryAfter()}. */
public class LoginThrottledException extends LockedException {

  private final Duration retryAfter;

  public LoginThrottledException(Duration retryAfter) {
    super("Too many login attempts; retry after " + retryAfter);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
