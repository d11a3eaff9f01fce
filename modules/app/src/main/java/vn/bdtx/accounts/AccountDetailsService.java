package vn.bdtx.accounts;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.springframework.security.core.userdetails.ReactiveUserDetailsPasswordService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.security.CallerDetails;

/**
 * Loads an account for the login check. An unknown name (or an account with no
 * password issued yet) is answered with a stand-in whose hash no password
 * matches, so that it costs the same BCrypt check as a wrong password: the time a
 * login takes does not tell whether the name exists (ASVS 6.3.8). Were it ever
 * matched, its credentials are expired, so it still could not log in.
 *
 * <p>Also stores the hash a login re-encoded at a raised BCrypt cost (platform.security's
 * CallerAuthenticationManager), so that the account table is written by its owner alone.
 */
@Service
class AccountDetailsService implements ReactiveUserDetailsService, ReactiveUserDetailsPasswordService {

  private final Accounts accounts;
  private final String unmatchableHash;

  AccountDetailsService(Accounts accounts, PasswordEncoder encoder) {
    this.accounts = accounts;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.unmatchableHash = encoder.encode(Base64.getEncoder().encodeToString(secret));
  }

  @Override
  public Mono<UserDetails> findByUsername(String username) {
    if (username == null || username.isBlank() || username.length() > 254) {
      return Mono.just(standIn());
    }
    return accounts.findForLogin(username.strip()).cast(UserDetails.class)
        .switchIfEmpty(Mono.fromSupplier(this::standIn));
  }

  @Override
  public Mono<UserDetails> updatePassword(UserDetails user, String newPassword) {
    if (!(user instanceof CallerDetails details) || details.caller().accountId() <= 0) {
      return Mono.just(user);
    }
    return accounts.rehashPassword(details.caller().accountId(), details.getPassword(), newPassword)
        .map(stored -> stored > 0
            ? new CallerDetails(details.caller(), newPassword, details.enabled(), details.credentialsNonExpired())
            : details);
  }

  private UserDetails standIn() {
    return new CallerDetails(new Caller(-1, "unknown", "", true, Set.of(), 0, Instant.EPOCH), unmatchableHash, true, false);
  }
}
