package vn.bdtx.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * One application with a {@link MovableClock}, shared by every test class that carries this next to
 * {@link BdtxIntegrationTest} (Spring's context cache hands them the same context), instead of a whole application
 * started and dirtied per class. A class may join only if it sets the clock before it relies on it, makes its own
 * accounts, classes and units under names of its own, and asserts nothing about rows it did not make; it leaves the
 * shared course GV-02 as it found it, except for the Moodle bank quiz that {@code MoodleBankQuizClass} sets up once
 * (a class that needs GV-02's lectures or quizzes changed, or as loaded from the files, opens its class on a copy of
 * its own: {@link Gv02Copy}). A class that needs a department builds its part of the province under the install's
 * one ({@link Province#sharedDepartment}), with codes and names of its own.
 * A class that changes what others read (question marks, the regulation, the one department) or needs an empty
 * database keeps {@code @Import(MovableClock.Config.class)} with {@code @DirtiesContext}. The property only keeps
 * this context apart from theirs: with the same configuration a dirtying class would be handed the shared one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(MovableClock.Config.class)
// The reminder job stays off here: on a class's registration day a tick of it would add a reminder to the notices
// a class counts (QuestionsBrowserTest's unread count on a slow machine); ReminderJobTest runs it itself.
@TestPropertySource(properties = {"bdtx.test.context=shared-movable-clock", "bdtx.reminders.enabled=false"})
public @interface SharedClockContext {
}
