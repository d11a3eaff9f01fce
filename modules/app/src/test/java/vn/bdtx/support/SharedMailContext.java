package vn.bdtx.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * One application with a {@link MovableClock} that sends its mail to a real SMTP server ({@link SharedMail}), shared
 * by every test class that carries this next to {@link BdtxIntegrationTest}, instead of one application with a mail
 * server of its own started per class. The jobs that send mail or turn events into notices run only when a test
 * calls them (their timers are off), so a class sees exactly the mails it caused. A class may join only if it sets
 * the clock before it relies on it, makes its own accounts (and e-mail addresses) and classes, reads only the mails
 * sent to its own addresses, leaves the mail server up when it ends, and asserts nothing about rows it did not make.
 * A job that reads every class in the database and sends each a mail (the reminders) keeps its own application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import({MovableClock.Config.class, SharedMail.Config.class})
@TestPropertySource(properties = {"bdtx.test.context=shared-mail", "bdtx.notices.job-enabled=false",
    "bdtx.notices.mail-enabled=false", "bdtx.reminders.enabled=false", "bdtx.assignments.receipts.job-enabled=false",
    "bdtx.password-reset.mail-job-enabled=false"})
public @interface SharedMailContext {
}
