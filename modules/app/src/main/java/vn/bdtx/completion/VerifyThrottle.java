package vn.bdtx.completion;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.platform.web.ClientAddresses;

/**
 * The public check of a certificate number (/verify/{number}) throttled per client address in Redis, as
 * logins are (issue 18 item 9): every lookup counts against a generous limit, and numbers that are not
 * found against a strict one, so that an office checking a whole class's certificates is never stopped
 * while someone walking the numbers is, after a few dozen misses. Fixed windows, counted atomically by one
 * Lua script; the address is the client's as {@link ClientAddresses} resolves it (a forwarded header only
 * from a trusted proxy). If Redis cannot answer, the lookup fails with the "try again" page: never open.
 */
@Component
class VerifyThrottle {

  /** Whether the lookup may go on, and when to try again if not. */
  record Verdict(boolean allowed, Duration retryAfter) {
  }

  private static final RedisScript<List> ADMIT = RedisScript.of("""
      local a = redis.call('INCR', KEYS[1]) if a == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      local m = tonumber(redis.call('GET', KEYS[2]) or '0')
      if a > tonumber(ARGV[2]) then return {1, redis.call('PTTL', KEYS[1])} end
      if m >= tonumber(ARGV[3]) then return {2, redis.call('PTTL', KEYS[2])} end
      return {0, 0}""", List.class);
  private static final RedisScript<Long> MISSED = RedisScript.of("""
      local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      return c""", Long.class);

  private final ReactiveStringRedisTemplate redis;
  private final String prefix;
  private final Duration window;
  private final int lookups;
  private final int misses;

  VerifyThrottle(ReactiveStringRedisTemplate redis, @Value("${bdtx.redis.namespace}") String namespace,
                 @Value("${bdtx.verify.window}") Duration window,
                 @Value("${bdtx.verify.lookups-per-address}") int lookups,
                 @Value("${bdtx.verify.misses-per-address}") int misses) {
    this.redis = redis;
    this.prefix = namespace + ":verify:";
    this.window = window;
    this.lookups = lookups;
    this.misses = misses;
  }

  /** Counts the lookup and says whether it may go on. */
  Mono<Verdict> admit(ServerWebExchange exchange) {
    String address = ClientAddresses.of(exchange);
    return redis.execute(ADMIT, List.of(prefix + "l:" + address, prefix + "m:" + address),
            List.of(String.valueOf(window.toMillis()), String.valueOf(lookups), String.valueOf(misses)))
        .next()
        .map(r -> {
          long refusedBy = ((Number) r.get(0)).longValue();
          long ttl = ((Number) r.get(1)).longValue();
          return new Verdict(refusedBy == 0, refusedBy == 0 ? Duration.ZERO : Duration.ofMillis(Math.max(ttl, 1000)));
        })
        .switchIfEmpty(Mono.error(new IllegalStateException("Redis gave no verdict")));
  }

  /** Counts a number that was not found. */
  Mono<Void> missed(ServerWebExchange exchange) {
    return redis.execute(MISSED, List.of(prefix + "m:" + ClientAddresses.of(exchange)),
        List.of(String.valueOf(window.toMillis()))).then();
  }
}
