package vn.bdtx.accounts;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
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
 */
@Service
class AccountDetailsService implements ReactiveUserDetailsService {

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

  private UserDetails standIn() {
    return new CallerDetails(new Caller(-1, "unknown", "", true, Set.of(), 0, Instant.EPOCH), unmatchableHash, true, false);
  }
}
