package vn.bdtx.domain.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NoticeMailTest {

  @Test
  void answersReturnsCertificatesAndAnnouncementsAreEmailedByDefault() {
    assertThat(NoticeMail.EMAILED).containsExactly("ANSWER", "RETURNED", "CERTIFICATE", "ANNOUNCEMENT");
    assertThat(NoticeMail.sends("RETURNED", Set.of())).isTrue();
  }

  @Test
  void remindersAreNeverEmailedTwiceBecauseTheReminderJobAlreadyEmailsThem() {
    assertThat(NoticeMail.emailedByDefault("REMINDER")).isFalse();
  }

  @Test
  void gradesStayInTheApp() {
    assertThat(NoticeMail.emailedByDefault("GRADE")).isFalse();
  }

  @Test
  void aKindTurnedOffIsNotEmailed() {
    assertThat(NoticeMail.sends("ANNOUNCEMENT", Set.of("ANNOUNCEMENT"))).isFalse();
    assertThat(NoticeMail.sends("ANSWER", Set.of("ANNOUNCEMENT"))).isTrue();
  }
}
