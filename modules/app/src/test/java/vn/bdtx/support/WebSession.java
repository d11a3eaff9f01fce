package vn.bdtx.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A browser's session as a test sees it: the session cookie carried from request
 * to request, and the CSRF token read from the last page, as a form would post it.
 */
public final class WebSession {

  public static final String COOKIE = "BDTX_SESSION";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final WebTestClient client;
  private String sessionId;
  private String csrf;

  private WebSession(WebTestClient client) {
    this.client = client;
  }

  /** A visitor who has opened the login page. */
  public static WebSession anonymous(WebTestClient client) {
    var s = new WebSession(client);
    s.get("/login");
    return s;
  }

  /** Opens the login page and logs in; asserts the login succeeded. */
  public static WebSession loggedIn(WebTestClient client, String username, String password) {
    var s = anonymous(client);
    var result = s.followWaitingPage(s.postForm("/login", form("username", username, "password", password)));
    assertThat(result.getStatus().is3xxRedirection()).as("login redirects").isTrue();
    assertThat(result.getResponseHeaders().getLocation()).as("login succeeded").hasToString("/");
    return s;
  }

  /**
   * When a login was sent to its waiting page (the login line was long: platform.security.LoginQueue), comes
   * back to it as the page would until it leads on; returns that last redirect. Any other answer as it is.
   */
  public EntityExchangeResult<String> followWaitingPage(EntityExchangeResult<String> result) {
    long until = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (String.valueOf(result.getResponseHeaders().getLocation()).startsWith("/login/wait?") && System.nanoTime() < until) {
      String wait = String.valueOf(result.getResponseHeaders().getLocation());
      do {
        result = get(wait);
        if (result.getStatus().value() == 200) {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result;
          }
        }
      } while (result.getStatus().value() == 200 && System.nanoTime() < until);
    }
    return result;
  }

  public String sessionId() {
    return sessionId;
  }

  public String csrf() {
    return csrf;
  }

  public EntityExchangeResult<String> get(String path) {
    var result = remember(client.get().uri(path).accept(MediaType.TEXT_HTML)
        .cookies(c -> { if (sessionId != null) { c.add(COOKIE, sessionId); } })
        .exchange().expectBody(String.class).returnResult());
    var m = CSRF.matcher(result.getResponseBody() == null ? "" : result.getResponseBody());
    if (m.find()) {
      csrf = m.group(1);
    }
    return result;
  }

  /** Posts a form with this session's CSRF token, as the page's form would. */
  public EntityExchangeResult<String> postForm(String path, MultiValueMap<String, String> fields) {
    var withToken = new LinkedMultiValueMap<>(fields);
    if (csrf != null && !withToken.containsKey("_csrf")) {
      withToken.add("_csrf", csrf);
    }
    return postRaw(path, withToken);
  }

  /** Posts exactly these fields, without adding a CSRF token. */
  public EntityExchangeResult<String> postRaw(String path, MultiValueMap<String, String> fields) {
    var result = remember(client.post().uri(path).accept(MediaType.TEXT_HTML)
        .cookies(c -> { if (sessionId != null) { c.add(COOKIE, sessionId); } })
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body(BodyInserters.fromFormData(fields))
        .exchange().expectBody(String.class).returnResult());
    var m = CSRF.matcher(result.getResponseBody() == null ? "" : result.getResponseBody());
    if (m.find()) {
      csrf = m.group(1);
    }
    return result;
  }

  public static MultiValueMap<String, String> form(String... namesAndValues) {
    var map = new LinkedMultiValueMap<String, String>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  public static boolean redirectsTo(EntityExchangeResult<?> result, String location) {
    HttpStatusCode status = result.getStatus();
    return status.is3xxRedirection() && location.equals(String.valueOf(result.getResponseHeaders().getLocation()));
  }

  /** How Thymeleaf shows a key the bundles lack: {@code ??platform.nav.reports_vi??}. */
  static final java.util.regex.Pattern MISSING_KEY =
      java.util.regex.Pattern.compile("\\?\\?[A-Za-z][A-Za-z0-9_.]*_[a-z]{2}(?:_[A-Z]{2})?\\?\\?");

  /**
   * Keeps the session's cookie, and fails a page that shows a message key the bundles lack: MessagesTest checks the
   * keys it can read in the sources, this every key a test's page really rendered (issue 20's rename of the keys).
   */
  private EntityExchangeResult<String> remember(EntityExchangeResult<String> result) {
    var missing = MISSING_KEY.matcher(result.getResponseBody() == null ? "" : result.getResponseBody());
    if (missing.find()) {
      throw new AssertionError(result.getUrl() + " shows a message key the bundles lack: " + missing.group());
    }
    ResponseCookie cookie = result.getResponseCookies().getFirst(COOKIE);
    if (cookie != null) {
      sessionId = cookie.getMaxAge().isZero() ? null : cookie.getValue();
    }
    return result;
  }
}
