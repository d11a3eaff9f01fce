package vn.bdtx.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Issue 20 item 3: an e-mail's words come from the bundles through a text template, in the recipient's language. */
class MailTextsTest {

  static MailTexts texts() {
    var messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return new MailTexts(messages);
  }

  static Map<String, Object> receipt() {
    return Map.of("name", "Nguyễn Thị Lan", "cohortName", "Lớp 1", "courseTitle", "Mô đun 1", "version", "2",
        "at", Instant.parse("2026-12-16T17:30:05Z"), "link", "https://bdtx.example/learn/7/submission",
        "files", List.of(
            Map.of("position", "1", "name", "Kế hoạch bài dạy.pdf", "size", "12 KB", "sha256", "ab12"),
            Map.of("position", "2", "name", "Ảnh.jpg", "size", "1,5 MB", "sha256", "cd34")));
  }

  @Test
  void theSubmissionReceiptReadsInVietnameseWithTheTimeInVietnam() {
    assertThat(texts().body("submission-receipt", MailTexts.VIETNAMESE, receipt())).isEqualTo("""
        Chào Nguyễn Thị Lan,

        BDTX đã nhận bài tập thực hành cuối khóa của thầy cô — lớp «Lớp 1» (Mô đun 1), lần nộp 2, lúc 00:30:05 ngày \
        17/12/2026 (giờ Việt Nam).

        Các tệp:
          1. Kế hoạch bài dạy.pdf — 12 KB
             SHA-256: ab12
          2. Ảnh.jpg — 1,5 MB
             SHA-256: cd34

        Xem lại bài đã nộp: https://bdtx.example/learn/7/submission

        BDTX — Bồi dưỡng thường xuyên""");
    assertThat(texts().subject(MailTexts.VIETNAMESE, "assignments.submission.receiptMail.subject", "2"))
        .isEqualTo("BDTX — biên nhận bài tập cuối khóa (lần nộp 2)");
  }

  @Test
  void theSameReceiptReadsInEnglishForARecipientWhoChoseIt() {
    String body = texts().body("submission-receipt", Locale.ENGLISH, receipt());
    assertThat(body).startsWith("Dear Nguyễn Thị Lan,").contains("at 00:30:05 on 17/12/2026 (Vietnam time)", "Files:",
        "  2. Ảnh.jpg — 1,5 MB").doesNotContain("Chào", "Các tệp");
  }

  @Test
  void thePasswordResetMailReadsAsBeforeWithItsLineInTheOtherLanguage() {
    assertThat(texts().body("password-reset", MailTexts.VIETNAMESE, Map.of("name", "Lan", "minutes", "30",
        "link", "https://bdtx.example/password/reset?token=abc"))).isEqualTo("""
        Chào Lan,

        Có người (có thể là bạn) đã đề nghị đặt lại mật khẩu tài khoản BDTX của bạn.
        Mở liên kết sau trong 30 phút để chọn mật khẩu mới; liên kết chỉ dùng được một lần:

        https://bdtx.example/password/reset?token=abc

        Nếu bạn không đề nghị, hãy bỏ qua thư này: mật khẩu của bạn không thay đổi.

        (Someone asked to reset your BDTX password. The link above works once, for 30 minutes.)""");
    assertThat(texts().text(MailTexts.VIETNAMESE, "accounts.reset.mail.subject")).isEqualTo("BDTX: đặt lại mật khẩu / reset your password");
  }

  @Test
  void aReminderAndANoticeAreGreetedAndSigned() {
    assertThat(texts().body("reminder", MailTexts.VIETNAMESE, Map.of("name", "Lan", "message", "Còn 2 ngày.")))
        .isEqualTo("Chào Lan,\n\nCòn 2 ngày.\n\nBDTX — Bồi dưỡng thường xuyên");
    assertThat(texts().subject(MailTexts.VIETNAMESE, "cohorts.reminders.mail.subject")).isEqualTo("BDTX — nhắc việc");
    assertThat(texts().body("notice", MailTexts.VIETNAMESE, Map.of("name", "Lan", "message", "Có <b>điểm</b>.",
        "link", "https://bdtx.example/notifications/9")))
        .isEqualTo("Chào Lan,\n\nCó <b>điểm</b>.\n\nXem trên BDTX: https://bdtx.example/notifications/9\n\n"
            + "BDTX — Bồi dưỡng thường xuyên");
  }
}
