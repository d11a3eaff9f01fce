package vn.bdtx.reporting.exports;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The texts inside an exported file, always in Vietnamese: the files go to the
 * department and the national records in the shape they expect, whatever
 * language the person who downloads them reads the site in.
 */
@Component
class ExportTexts {

  static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

  private final MessageSource messages;

  ExportTexts(MessageSource messages) {
    this.messages = messages;
  }

  String get(String key, Object... args) {
    return messages.getMessage(key, args, VIETNAMESE);
  }

  /** The text of {@code key}, or empty when the bundle has none (a value the read model holds that no text names). */
  String orEmpty(String key) {
    return messages.getMessage(key, null, "", VIETNAMESE);
  }
}
