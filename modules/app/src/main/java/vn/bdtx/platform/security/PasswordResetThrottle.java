package vn.bdtx.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Password-reset requests throttled in Redis as logins are ({@link LoginThrottle}: fixed windows counted
 * atomically by one Lua script): per address asked for and caller's address, per address asked for from
 * anywhere (one person's mailbox), and per caller's address. Keyed by the e-mail address as typed
 * (normalised), whether or not an account has it, so being refused says nothing about who is registered.
 * If Redis cannot answer, no mail is sent: throttling never fails open.
 */
@Component
public class PasswordResetThrottle {

  private static final RedisScript<Long> ADMIT = RedisScript.of("""
      local a = redis.call('INCR', KEYS[1]) if a == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      local b = redis.call('INCR', KEYS[2]) if b == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
      local c = redis.call('INCR', KEYS[3]) if c == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[1]) end
      if a > tonumber(ARGV[2]) then return 1 end
      if b > tonumber(ARGV[3]) then return 2 end
      if c > tonumber(ARGV[4]) then return 3 end
      return 0""", Long.class);

  private final ReactiveStringRedisTemplate redis;
  private final String prefix;
  private final Duration window;
  private final int perEmailAndAddress;
  private final int perEmail;
  private final int perAddress;

  PasswordResetThrottle(ReactiveStringRedisTemplate redis, @Value("${bdtx.redis.namespace}") String namespace,
                        @Value("${bdtx.password-reset.window}") Duration window,
                        @Value("${bdtx.password-reset.requests-per-email-and-address}") int perEmailAndAddress,
                        @Value("${bdtx.password-reset.requests-per-email}") int perEmail,
                        @Value("${bdtx.password-reset.requests-per-address}") int perAddress) {
    this.redis = redis;
    this.prefix = namespace + ":reset:";
    this.window = window;
    this.perEmailAndAddress = perEmailAndAddress;
    this.perEmail = perEmail;
    this.perAddress = perAddress;
  }

  /** Counts the request and says whether a mail may be sent for it. */
  public Mono<Boolean> admit(String email, ServerWebExchange exchange) {
    String address = CallerAuthenticationManager.clientAddress(exchange);
    String mailbox = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    return redis.execute(ADMIT, List.of(prefix + "ea:" + mailbox + "|" + address, prefix + "e:" + mailbox,
                prefix + "a:" + address),
            List.of(String.valueOf(window.toMillis()), String.valueOf(perEmailAndAddress), String.valueOf(perEmail),
                String.valueOf(perAddress)))
        .next()
        .map(refusedBy -> refusedBy == 0L)
        .defaultIfEmpty(false);
  }
}
