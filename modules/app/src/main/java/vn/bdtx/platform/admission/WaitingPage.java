package vn.bdtx.platform.admission;

import java.time.Duration;
import org.springframework.ui.Model;

/**
 * The small page a learner waits on while their turn comes (platform/waiting.html), and what its script is told
 * on each look ({@link Status}). The page shows the place, asks again by itself (waiting.js) and, without
 * JavaScript, reloads itself; when the turn has come it goes on to {@code next}.
 *
 * @param title  the page's title (a message text)
 * @param lead   what is happening and that nothing needs pressing (a message text)
 * @param place  the place in line as the page says it (a message text)
 * @param here   the page's own address, to reload without posting again
 * @param status the address its script asks for the place
 * @param next   where it goes when the turn has come (and where the reload without script goes)
 */
public record WaitingPage(String title, String lead, String place, String here, String status, String next, Duration pollAfter) {

  /** What the script reads: done (go to {@code next}), or the place and when to ask again. */
  public record Status(boolean done, long place, String text, long poll, String next) {
  }

  public String view(Model model) {
    model.addAttribute("waiting", this);
    model.addAttribute("pollMillis", pollAfter.toMillis());
    model.addAttribute("pollSeconds", Math.max(1, (pollAfter.toMillis() + 999) / 1000));
    return "platform/waiting";
  }
}
