package vn.bdtx.platform.mail;

import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import vn.bdtx.platform.web.VietnameseFormats;

/**
 * The text of an e-mail: its subject from a message key, its body from a Thymeleaf TEXT template
 * ({@code templates/mail/<name>.txt}) whose words are message keys, both in the recipient's language, with the
 * dates and times of {@code #vn} as on the pages. The engine is this class's own (not a bean), so the pages'
 * HTML engine is left as Spring Boot configures it.
 */
@Component
public class MailTexts {

  /**
   * The language of a recipient who has not chosen one, which is every recipient for now: accounts keep no
   * language, and the pages' choice lives in a cookie of the browser (DESIGN.md §6: Vietnamese first).
   */
  public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

  private final MessageSource messages;
  private final SpringTemplateEngine engine = new SpringTemplateEngine();

  MailTexts(MessageSource messages) {
    this.messages = messages;
    var templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/mail/");
    templates.setSuffix(".txt");
    templates.setTemplateMode(TemplateMode.TEXT);
    templates.setCharacterEncoding("UTF-8");
    templates.setCacheable(true);
    engine.setTemplateResolver(templates);
    engine.setTemplateEngineMessageSource(messages);
    engine.addDialect(new VietnameseFormats());
  }

  /** The subject: "BDTX — " and the text of the key, in the recipient's language. */
  public String subject(Locale recipient, String key, Object... args) {
    return messages.getMessage("platform.mail.subject", new Object[] {messages.getMessage(key, args, recipient)}, recipient);
  }

  /** The text of a key as it stands (a subject that names the system its own way). */
  public String text(Locale recipient, String key, Object... args) {
    return messages.getMessage(key, args, recipient);
  }

  /** The body rendered from {@code templates/mail/<template>.txt} with these variables, in the recipient's language. */
  public String body(String template, Locale recipient, Map<String, Object> variables) {
    return engine.process(template, new Context(recipient, variables)).stripTrailing();
  }
}
