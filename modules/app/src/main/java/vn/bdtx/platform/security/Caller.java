package vn.bdtx.platform.security;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;
import java.util.stream.Collectors;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;

/**
 * The logged-in person as every handler sees it: no password hash, kept in the
 * Redis session. Handlers take it with {@code @AuthenticationPrincipal Caller}.
 */
public record Caller(long accountId, String username, String fullName, boolean mustChangePassword,
                     Set<Grant> grants, long version, Instant since) implements Serializable, AuthenticatedPrincipal {

  @Serial
  private static final long serialVersionUID = 1L;

  public Caller {
    grants = Set.copyOf(grants);
  }

  /** As loaded for a login: version and session start are set when the session begins. */
  public Caller(long accountId, String username, String fullName, boolean mustChangePassword, Set<Grant> grants) {
    this(accountId, username, fullName, mustChangePassword, grants, 0, Instant.EPOCH);
  }

  /** The same person in a session that began at {@code since}, at account version {@code version}. */
  public Caller inSession(long version, Instant since) {
    return new Caller(accountId, username, fullName, mustChangePassword, grants, version, since);
  }

  /** One role in one scope; {@code scopeId} is null for the whole province. */
  public record Grant(Role role, ScopeType scopeType, Long scopeId) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
  }

  /** The login name: what logs and Spring Security show for this person. */
  @Override
  public String getName() {
    return username;
  }

  public boolean hasRole(Role role) {
    return grants.stream().anyMatch(g -> g.role() == role);
  }

  public Set<Role> roles() {
    return grants.stream().map(Grant::role).collect(Collectors.toUnmodifiableSet());
  }

  /** The same person after they chose their own password. */
  public Caller withPasswordChanged() {
    return new Caller(accountId, username, fullName, false, grants, version, since);
  }
}
