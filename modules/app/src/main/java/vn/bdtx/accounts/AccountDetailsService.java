package vn.bdtx.accounts;

import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Loads an account for the login check. */
@Service
class AccountDetailsService implements ReactiveUserDetailsService {

  private final Accounts accounts;

  AccountDetailsService(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public Mono<UserDetails> findByUsername(String username) {
    if (username == null || username.isBlank() || username.length() > 254) {
      return Mono.empty();
    }
    return accounts.findForLogin(username.strip()).cast(UserDetails.class);
  }
}
