package vn.bdtx.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The one real SMTP server (GreenMail, in process) of the classes that share an application through
 * {@link SharedMailContext}, started once per test JVM, and the relay the application reaches it through, which a
 * class cuts to see what a learner gets while the mail server is down. Every class reads only the mails sent to
 * addresses of its own ({@link #to}); a class that cuts the relay restores it before it ends ({@link #up}).
 */
public final class SharedMail {

  private static GreenMail smtp;
  private static TcpProxy relay;
  private static boolean cut;

  private SharedMail() {
  }

  /** The server, started at the first call. */
  public static synchronized GreenMail smtp() {
    if (smtp == null) {
      smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      try {
        relay = new TcpProxy("127.0.0.1", smtp.getSmtp().getPort()).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop, "shared-smtp-stop"));
    }
    return smtp;
  }

  /** The port the application sends mail to: the relay's. */
  public static synchronized int port() {
    smtp();
    return relay.port();
  }

  /** The mails received so far for {@code address}, oldest first. */
  public static List<MimeMessage> to(String address) {
    return Arrays.stream(smtp().getReceivedMessages()).filter(m -> address.equals(recipient(m))).toList();
  }

  /** The mail server is down for the application: connections drop and new ones are refused. */
  public static synchronized void down() throws IOException {
    smtp();
    if (!cut) {
      relay.cut();
      cut = true;
    }
  }

  /** The mail server is reachable again, on the same port. */
  public static synchronized void up() throws IOException {
    smtp();
    if (cut) {
      relay.restore();
      cut = false;
    }
  }

  public static String recipient(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Points the application's mail sender at the relay. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Config {
    @Bean
    DynamicPropertyRegistrar sharedMailPort() {
      return registry -> registry.add("spring.mail.port", SharedMail::port);
    }
  }
}
