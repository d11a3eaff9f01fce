package vn.bdtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import java.time.Duration;

/**
 * Following a waiting page as a browser does (issue 19 items 3 and 4: the login line and the quiz-start line):
 * the page's script asks its status address until the turn has come (the server holds each look up to the page's
 * next one), then goes to the page's own address, which leads on. A request whose answer may be a waiting page
 * saves its addresses with {@link #saveAddresses()}.
 */
final class WaitingPages {

  private WaitingPages() {
  }

  /** The checks that notice a waiting page (optional: most answers are not one). */
  static CheckBuilder[] saveAddresses() {
    return new CheckBuilder[] {
        css("#waiting", "data-status").optional().saveAs("waitStatus"),
        css("#waiting", "data-here").optional().saveAs("waitHere")};
  }

  /**
   * When the last answer was a waiting page: asks its status until done, then opens its address, checked by
   * {@code landing}; nothing otherwise.
   */
  static ChainBuilder follow(String name, CheckBuilder... landing) {
    return doIf(session -> session.contains("waitStatus")).then(
        exec(session -> session.set("waitDone", false).set("waitPoll", 0).set("waited", true))
            .asLongAs(session -> !session.getBoolean("waitDone")).on(
                exec(http(name + ": place in line").get("#{waitStatus}").header("Accept", "application/json")
                    .check(status().is(200), jsonPath("$.done").ofBoolean().saveAs("waitDone"),
                        jsonPath("$.poll").ofInt().saveAs("waitPoll")))
                    .doIf(session -> !session.getBoolean("waitDone"))
                    .then(pause(session -> Duration.ofMillis(session.getInt("waitPoll")))))
            .exec(http(name + ": on from the waiting page").get("#{waitHere}").check(landing))
            .exec(session -> session.remove("waitStatus").remove("waitHere")));
  }

  /** p50 / p95 / p99 / max in milliseconds of times in nanoseconds. */
  static String percentiles(java.util.Collection<Long> nanos) {
    java.util.List<Long> ms = new java.util.ArrayList<>(nanos.stream().map(n -> n / 1_000_000).sorted().toList());
    if (ms.isEmpty()) {
      return "none";
    }
    return "n " + ms.size() + ", p50 " + at(ms, 0.50) + ", p95 " + at(ms, 0.95) + ", p99 " + at(ms, 0.99)
        + ", max " + ms.get(ms.size() - 1);
  }

  private static long at(java.util.List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

}
