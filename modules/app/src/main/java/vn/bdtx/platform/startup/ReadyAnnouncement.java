package vn.bdtx.platform.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints the address to open once the application serves requests. */
@Component
class ReadyAnnouncement {

  private static final Logger log = LoggerFactory.getLogger(ReadyAnnouncement.class);

  @EventListener(ApplicationReadyEvent.class)
  void announce(ApplicationReadyEvent event) {
    Environment env = event.getApplicationContext().getEnvironment();
    log.info("BDTX đang chạy tại / is running at {}/", OpenAddress.of(env));
  }
}
