package vn.bdtx.platform;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The server owns the clock; everything that needs the time takes this bean, so tests can pin it. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  /** Vietnam's time zone: days, deadlines and "today" are judged in it (DESIGN.md §4). */
  public static final ZoneId VIETNAM = vn.bdtx.platform.web.VietnameseFormats.ZONE;

  @Bean
  Clock clock() {
    return Clock.system(VIETNAM);
  }
}
