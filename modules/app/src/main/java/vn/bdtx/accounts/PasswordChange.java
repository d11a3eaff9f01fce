package vn.bdtx.accounts;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.domain.accounts.PasswordPolicy;
import vn.bdtx.domain.accounts.PasswordRejection;
import vn.bdtx.platform.security.Caller;

/** A person replaces their password: the current one proves it is them, the new one must pass the policy. */
@Service
class PasswordChange {

  /** The outcome: the updated caller, or the reasons it was refused (nothing changed then). */
  sealed interface Outcome {
    record Changed(Caller caller) implements Outcome {
    }

    /** {@code contextWord}: the word that made it CONTAINS_CONTEXT_WORD, to name on the form; null otherwise. */
    record Refused(boolean wrongCurrentPassword, List<PasswordRejection> rejections, String contextWord) implements Outcome {
    }
  }

  private final Accounts accounts;
  private final PasswordEncoder encoder;
  private final PasswordPolicy policy;

  PasswordChange(Accounts accounts, PasswordEncoder encoder, PasswordPolicy policy) {
    this.accounts = accounts;
    this.encoder = encoder;
    this.policy = policy;
  }

  Mono<Outcome> change(Caller caller, PasswordChangeForm form) {
    return accounts.passwordHashOf(caller.accountId())
        // BCrypt costs tens of milliseconds: keep it off the event loop.
        .publishOn(Schedulers.boundedElastic())
        .flatMap(hash -> {
          boolean currentOk = encoder.matches(form.getCurrentPassword(), hash);
          var personal = List.of(caller.username(), caller.fullName());
          var rejections = new ArrayList<>(policy.check(form.getNewPassword(), personal));
          String word = policy.contextWord(form.getNewPassword(), personal).orElse(null);
          if (!form.getNewPassword().equals(form.getConfirmPassword())) {
            rejections.add(PasswordRejection.CONFIRMATION_MISMATCH);
          }
          if (currentOk && encoder.matches(form.getNewPassword(), hash)) {
            rejections.add(PasswordRejection.SAME_AS_CURRENT);
          }
          if (!currentOk || !rejections.isEmpty()) {
            return Mono.<Outcome>just(new Outcome.Refused(!currentOk, List.copyOf(rejections), word));
          }
          return accounts.setChosenPassword(caller.accountId(), encoder.encode(form.getNewPassword()))
              .thenReturn(new Outcome.Changed(caller.withPasswordChanged()));
        });
  }
}
