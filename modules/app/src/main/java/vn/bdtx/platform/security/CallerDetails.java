package vn.bdtx.platform.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** What the login check needs: the caller plus the password hash, which never leaves the login. */
public record CallerDetails(Caller caller, String passwordHash, boolean enabled, boolean credentialsNonExpired)
    implements UserDetails {

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return authoritiesOf(caller);
  }

  static List<GrantedAuthority> authoritiesOf(Caller caller) {
    return caller.roles().stream()
        .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
        .toList();
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return caller.username();
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  /** False once a one-time password (credential sheet, admin reset) has passed its expiry. */
  @Override
  public boolean isCredentialsNonExpired() {
    return credentialsNonExpired;
  }
}
