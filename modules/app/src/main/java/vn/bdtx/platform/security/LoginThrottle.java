package vn.bdtx.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Login throttling in Redis, counted atomically by one Lua script per attempt
 * (RELIABILITY.md §B): strict per account and address, looser per account from
 * anywhere (so that someone elsewhere cannot easily lock a teacher out), and
 * generous per address, counting failures only, because a whole school often
 * sits behind one shared address. Windows are fixed and expire by themselves.
 * If Redis cannot answer, the login is refused: throttling never fails open.
 */
@Component
public class LoginThrottle {

  /** Why an attempt is refused, and for how long. */
  public record Verdict(boolean allowed, Duration retryAfter) {
  }

  private static final RedisScript<List> ADMIT = RedisScript.of("""
      local a = redis.call('INCR', KEYS[1]) if a == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      local b = redis.call('INCR', KEYS[2]) if b == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
      local c = tonumber(redis.call('GET', KEYS[3]) or '0')
      if a > tonumber(ARGV[2]) then return {1, redis.call('PTTL', KEYS[1])} end
      if b > tonumber(ARGV[3]) then return {2, redis.call('PTTL', KEYS[2])} end
      if c >= tonumber(ARGV[4]) then return {3, redis.call('PTTL', KEYS[3])} end
      return {0, 0}""", List.class);
  private static final RedisScript<Long> FAILED = RedisScript.of("""
      local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      return c""", Long.class);

  private final ReactiveStringRedisTemplate redis;
  private final String prefix;
  private final Duration window;
  private final int perAccountAndAddress;
  private final int perAccount;
  private final int failuresPerAddress;

  LoginThrottle(ReactiveStringRedisTemplate redis, @Value("${bdtx.redis.namespace}") String namespace,
                @Value("${bdtx.login.window}") Duration window,
                @Value("${bdtx.login.attempts-per-account-and-address}") int perAccountAndAddress,
                @Value("${bdtx.login.attempts-per-account}") int perAccount,
                @Value("${bdtx.login.failures-per-address}") int failuresPerAddress) {
    this.redis = redis;
    this.prefix = namespace + ":login:";
    this.window = window;
    this.perAccountAndAddress = perAccountAndAddress;
    this.perAccount = perAccount;
    this.failuresPerAddress = failuresPerAddress;
  }

  /** Counts the attempt and says whether it may go on to the password check. */
  public Mono<Verdict> admit(String username, String address) {
    String user = normalise(username);
    return redis.execute(ADMIT, List.of(prefix + "ua:" + user + "|" + address, prefix + "u:" + user, prefix + "a:" + address),
            List.of(String.valueOf(window.toMillis()), String.valueOf(perAccountAndAddress), String.valueOf(perAccount),
                String.valueOf(failuresPerAddress)))
        .next()
        .map(result -> {
          long refusedBy = ((Number) result.get(0)).longValue();
          long ttl = ((Number) result.get(1)).longValue();
          return refusedBy == 0 ? new Verdict(true, Duration.ZERO) : new Verdict(false, Duration.ofMillis(Math.max(ttl, 1000)));
        });
  }

  /** A wrong password: counts against the address. */
  public Mono<Void> failed(String address) {
    return redis.execute(FAILED, List.of(prefix + "a:" + address), List.of(String.valueOf(window.toMillis()))).then();
  }

  /** A right password: the account's counters start again. */
  public Mono<Void> succeeded(String username, String address) {
    String user = normalise(username);
    return redis.delete(prefix + "ua:" + user + "|" + address, prefix + "u:" + user).then();
  }

  private static String normalise(String username) {
    return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
  }
}
