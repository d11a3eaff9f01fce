package vn.bdtx.assignments;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.accounts.People;
import vn.bdtx.cohorts.Cohorts;
import vn.bdtx.platform.storage.FileTypes;

/**
 * The receipt of a stored submission, e-mailed to the learner: the time, each
 * file's name, size and SHA-256 (the learner can check their copy against it).
 * A mail server that is down does not undo the submission: the receipt stays on
 * the page and the failure is logged.
 */
@Service
class SubmissionReceipts {

  private static final Logger log = LoggerFactory.getLogger(SubmissionReceipts.class);
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'ngày' dd/MM/yyyy").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

  private final JavaMailSender mail;
  private final People people;
  private final String from;
  private final String publicUrl;

  SubmissionReceipts(JavaMailSender mail, People people, @Value("${bdtx.mail.from}") String from,
                     @Value("${bdtx.public-url}") String publicUrl) {
    this.mail = mail;
    this.people = people;
    this.from = from;
    this.publicUrl = publicUrl;
  }

  Mono<Void> send(Cohorts.Enrollment e, Submissions.Version v) {
    return people.byIds(List.of(e.accountId())).next()
        .filter(p -> p.email() != null && !p.email().isBlank())
        .flatMap(p -> {
          var message = new SimpleMailMessage();
          message.setFrom(from);
          message.setTo(p.email());
          message.setSubject("BDTX — biên nhận bài tập cuối khóa (lần nộp " + v.version() + ")");
          message.setText(text(p.fullName(), e, v));
          return Mono.fromRunnable(() -> mail.send(message)).subscribeOn(Schedulers.boundedElastic());
        })
        .onErrorResume(x -> {
          log.warn("Receipt of submission {} not e-mailed ({}); it is shown on the learner's page", v.id(), x.toString());
          return Mono.empty();
        })
        .then();
  }

  String text(String name, Cohorts.Enrollment e, Submissions.Version v) {
    var b = new StringBuilder();
    b.append("Chào ").append(name).append(",\n\n");
    b.append("BDTX đã nhận bài tập thực hành cuối khóa của thầy cô — lớp «").append(e.cohortName()).append("» (")
        .append(e.courseTitle()).append("), lần nộp ").append(v.version()).append(", lúc ")
        .append(TIME.format(v.submittedAt())).append(" (giờ Việt Nam).\n\nCác tệp:\n");
    for (var f : v.files()) {
      b.append("  ").append(f.position()).append(". ").append(f.name()).append(" — ").append(FileTypes.human(f.size()))
          .append("\n     SHA-256: ").append(f.sha256()).append('\n');
    }
    b.append("\nXem lại bài đã nộp: ").append(publicUrl).append("/learn/").append(e.cohortId()).append("/submission\n");
    b.append("\nBDTX — Bồi dưỡng thường xuyên");
    return b.toString();
  }
}
