package vn.bdtx.platform.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * The scheduler of the {@code @Scheduled} jobs, with a thread for each: with Spring's default single thread the
 * reminder job (up to minutes) held up the two-second progress flush and the quiz-closing job. Once the jobs are
 * registered the pool is sized to their number, so a job added later gets its thread without a setting to remember.
 */
@Configuration(proxyBeanMethods = false)
class JobScheduling {

  private static final Logger log = LoggerFactory.getLogger(JobScheduling.class);

  /** Threads before the jobs are counted (the progress flush starts at once). */
  static final int INITIAL_THREADS = 4;

  @Bean(name = "taskScheduler")
  ThreadPoolTaskScheduler taskScheduler() {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(INITIAL_THREADS);
    scheduler.setThreadNamePrefix("job-");
    scheduler.setRemoveOnCancelPolicy(true);
    return scheduler;
  }

  @EventListener(ApplicationStartedEvent.class)
  void sizeForTheJobs(ApplicationStartedEvent event) {
    ThreadPoolTaskScheduler scheduler = event.getApplicationContext().getBean("taskScheduler", ThreadPoolTaskScheduler.class);
    ObjectProvider<ScheduledTaskHolder> holders = event.getApplicationContext().getBeanProvider(ScheduledTaskHolder.class);
    int jobs = holders.stream().mapToInt(h -> h.getScheduledTasks().size()).sum();
    scheduler.setPoolSize(Math.max(INITIAL_THREADS, jobs));
    log.info("Job scheduler: {} jobs, {} threads", jobs, scheduler.getScheduledThreadPoolExecutor().getCorePoolSize());
  }
}
