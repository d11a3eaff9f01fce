package vn.bdtx.reporting;

import java.util.Set;
import org.springframework.stereotype.Component;
import vn.bdtx.platform.events.OutboxConsumer;
import vn.bdtx.platform.events.Topics;

/** Reporting's subscription to the outbox: every topic that moves a report figure. */
@Component
class ReportEvents implements OutboxConsumer {

  /** The consumer name on reporting's outbox rows. */
  static final String CONSUMER = "reporting";

  @Override
  public String name() {
    return CONSUMER;
  }

  @Override
  public Set<String> topics() {
    return Set.of(Topics.ENROLLMENT, Topics.COHORT, Topics.ACCOUNT, Topics.ORG_UNIT, Topics.EXEMPTION);
  }
}
