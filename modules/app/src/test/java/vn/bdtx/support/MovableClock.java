package vn.bdtx.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock a test moves by hand, so schedules and deadlines are tried at chosen
 * instants without touching the system time. Import {@link Config} to make it
 * the application's clock.
 */
public final class MovableClock extends Clock {

  public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

  /** Sets the time to a local date-time in Vietnam, e.g. "2026-12-08T23:59:59". */
  public void setVietnam(String localDateTime) {
    now.set(LocalDateTime.parse(localDateTime).atZone(VIETNAM).toInstant());
  }

  public void set(Instant instant) {
    now.set(instant);
  }

  @Override
  public ZoneId getZone() {
    return VIETNAM;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @TestConfiguration(proxyBeanMethods = false)
  public static class Config {
    @Bean
    @Primary
    MovableClock movableClock() {
      return new MovableClock();
    }
  }
}
