import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fault drill (RELIABILITY.md group C), run by run-drills.sh as a single-file program ({@code java Drill.java}):
 * N learners log in through the load balancer, start an attempt of the drill quiz and save one answer a second
 * each, the way quiz.js does (page id + the page's counter; an answer not confirmed stays unsent and is sent
 * again, a lost session means logging in again and reopening the attempt; every 15th second the attempt page is
 * reloaded instead). After the warm-up, once every learner is saving, the fault command runs; with
 * {@code --down S} the restore command runs S seconds later. The load goes on until 20 s without a
 * failure (at least {@code --after} s after the restore, at most 240 s), the unsent answers are flushed, every
 * attempt is submitted once, and the database is checked with psql: the last confirmed answer of every question
 * must be there, exactly, and every submitted attempt graded.
 *
 * <p>Figures: requests failed (any request that was not answered as expected: saves, logins, pages, submits),
 * the longest a failed request took, and seconds to recover: from the service being back (the restore command
 * returned; for a fault without restore, the fault command) to the end of the last failed request, after which
 * every request succeeded. Replies slower than 2 s are counted apart (a busy machine has them without a fault,
 * see the baseline). A 5 s timeline of good and failed replies, the statuses and one body of each kind of failure
 * are logged. Prints one line starting "RESULT|" for run-drills.sh's table.
 */
public class Drill {

  static String base;
  static String psql;
  static long cohort;
  static final String LECTURE = "L1";
  static final String PASSWORD = "dien tap su co";
  static final long T0 = System.currentTimeMillis();
  static volatile boolean ticking = true;

  // Figures, all threads.
  static final AtomicLong requests = new AtomicLong();
  static final AtomicLong saves = new AtomicLong();
  static final AtomicLong acked = new AtomicLong();
  static final AtomicLong resent = new AtomicLong();
  static final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
  /** Every request that was answered: start and end (ms), to find the slow ones of the fault window. */
  static final List<long[]> answered = Collections.synchronizedList(new ArrayList<>());
  static final long SLOW_MILLIS = 2000;
  static final AtomicLong maxMillis = new AtomicLong();
  static final Map<String, String> sampleBodies = new ConcurrentHashMap<>();
  static volatile long faultAt = Long.MAX_VALUE;
  static volatile long backAt = Long.MAX_VALUE;

  record Failure(String what, long start, long end, String outcome) {
  }

  record Answer(String question, int choice, long seq) {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    base = a.getOrDefault("base", "http://127.0.0.1:18090");
    if (!base.startsWith("http://127.0.0.1")) {
      throw new IllegalArgumentException("Drills target 127.0.0.1 only, not " + base);
    }
    psql = a.get("psql");
    cohort = Long.parseLong(a.get("cohort"));
    String name = a.getOrDefault("name", "drill");
    int clients = Integer.parseInt(a.getOrDefault("clients", "50"));
    int warmup = Integer.parseInt(a.getOrDefault("warmup", "30"));
    int down = Integer.parseInt(a.getOrDefault("down", "0"));
    int after = Integer.parseInt(a.getOrDefault("after", "40"));
    String fault = a.get("fault");
    String restore = a.get("restore");

    List<Learner> learners = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 1; i <= clients; i++) {
      Learner l = new Learner(String.format("drill-%05d", i), i * 1000L / clients);
      learners.add(l);
      Thread t = new Thread(l::run, l.username);
      threads.add(t);
      t.start();
    }
    log("%s: %d learners saving one answer a second each through %s", name, clients, base);
    Thread.sleep(warmup * 1000L);
    // The fault comes when every learner is saving (a confirmed save in the last 5 s), or 180 s later at most.
    for (int i = 0; i < 180 && learners.stream().anyMatch(l -> now() - l.lastAck > 5_000); i++) {
      Thread.sleep(1000);
    }
    long ready = learners.stream().filter(l -> l.attempt > 0).count();
    log("warm-up done: %d attempts open, %d saves, %d failed so far", ready, saves.get(), failures.size());
    faultAt = now();
    String loadAtFault = loadAverage();
    log("FAULT: %s (load average %s)", fault, loadAtFault);
    sh(fault);
    long faultDone = now();
    if (restore != null && down > 0) {
      Thread.sleep(Math.max(0, down * 1000L - (now() - faultAt)));
      log("RESTORE after %.1f s: %s", (now() - faultAt) / 1000.0, restore);
      sh(restore);
      backAt = now();
    } else {
      backAt = faultDone;
    }
    log("service back at +%.1f s after the fault", (backAt - faultAt) / 1000.0);
    // Go on until 20 s without any failure, at least `after` s, at most 240 s after the service is back.
    while (true) {
      Thread.sleep(1000);
      long since = now() - backAt;
      long lastFail = lastFailureEnd();
      boolean quiet = now() - Math.max(lastFail, backAt) >= 20_000;
      if ((since >= after * 1000L && quiet) || since >= 240_000) {
        break;
      }
    }
    ticking = false;
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(200).toMillis());
    }
    long dbWindowEnd = now();

    // The figures of the fault window (from the fault to the end of the load), then the database check.
    List<Failure> inWindow;
    synchronized (failures) {
      inWindow = failures.stream().filter(f -> f.end >= faultAt && f.start <= dbWindowEnd).toList();
    }
    long lastFail = inWindow.stream().mapToLong(Failure::end).max().orElse(faultAt);
    long firstFail = inWindow.stream().mapToLong(Failure::start).min().orElse(faultAt);
    long maxFailMs = inWindow.stream().mapToLong(f -> f.end - f.start).max().orElse(0);
    List<long[]> slow;
    synchronized (answered) {
      slow = answered.stream().filter(r -> r[1] >= faultAt && r[1] - r[0] > SLOW_MILLIS).toList();
    }
    long maxWindowMs;
    synchronized (answered) {
      maxWindowMs = answered.stream().filter(r -> r[1] >= faultAt).mapToLong(r -> r[1] - r[0]).max().orElse(0);
    }
    maxWindowMs = Math.max(maxWindowMs, maxFailMs);
    // Recovered: after the last failed request. Slow replies (over 2 s) are counted apart: on a busy machine
    // they also come without a fault (see the baseline).
    long lastSlow = slow.stream().mapToLong(r -> r[1]).max().orElse(0);
    double recover = inWindow.isEmpty() ? 0 : Math.max(0, lastFail - backAt) / 1000.0;
    double outage = inWindow.isEmpty() ? 0 : (lastFail - Math.max(firstFail, faultAt)) / 1000.0;
    long slowAfterBack = slow.stream().filter(r -> r[1] > backAt).count();
    double lastSlowAfterBack = lastSlow > backAt ? (lastSlow - backAt) / 1000.0 : 0;
    long failedSaves = inWindow.stream().filter(f -> f.what.equals("save")).count();
    Map<String, Long> outcomes = new TreeMap<>();
    inWindow.forEach(f -> outcomes.merge(f.what + " " + f.outcome, 1L, Long::sum));
    long before = failures.size() - inWindow.size();

    // The check: every question's last confirmed answer is in the database, as confirmed; every submit graded.
    int checked = 0;
    int exact = 0;
    int lost = 0;
    int newer = 0;
    StringBuilder ids = new StringBuilder("0");
    for (Learner l : learners) {
      if (l.attempt > 0) {
        ids.append(',').append(l.attempt);
      }
    }
    Map<String, String[]> stored = new HashMap<>();
    for (String row : query("SELECT attempt_id, question_id, seq, array_to_string(chosen, ';') FROM attempt_answer"
        + " WHERE attempt_id IN (" + ids + ")")) {
      String[] f = row.split("\\|", -1);
      stored.put(f[0] + "/" + f[1], f);
    }
    long unsent = 0;
    for (Learner l : learners) {
      unsent += l.pending.size();
      for (Answer ans : l.confirmed.values()) {
        checked++;
        String[] f = stored.get(l.attempt + "/" + ans.question);
        if (f == null || Long.parseLong(f[2]) < ans.seq) {
          lost++;
        } else if (Long.parseLong(f[2]) == ans.seq && f[3].equals(String.valueOf(ans.choice))) {
          exact++;
        } else {
          newer++;
        }
      }
    }
    long submitted = learners.stream().filter(l -> l.submitted).count();
    long graded = Long.parseLong(query("SELECT count(*) FROM quiz_attempt WHERE id IN (" + ids
        + ") AND state = 'FINISHED' AND score IS NOT NULL").get(0));
    long attemptsOpened = learners.stream().filter(l -> l.attempt > 0).count();

    log("---- %s ----", name);
    log("requests %d (saves %d, confirmed %d); failed before the fault %d", requests.get(), saves.get(), acked.get(), before);
    log("failed from the fault on: %d requests (%d saves), first at +%.1f s, last ended at +%.1f s after the fault",
        inWindow.size(), failedSaves, (firstFail - faultAt) / 1000.0, (lastFail - faultAt) / 1000.0);
    outcomes.forEach((k, v) -> log("   %5d × %s", v, k));
    sampleBodies.forEach((k, v) -> log("   body of %s: %s", k, v));
    log("longest failed request %d ms; longest request from the fault on %d ms (%d answered after more than %d ms);"
        + " %d sent again after a kept-alive connection closed before any reply (as a browser does)", maxFailMs,
        maxWindowMs, slow.size(), SLOW_MILLIS, resent.get());
    log("service back %.1f s after the fault; recovered (last failed request) %.1f s after that; clients saw failures"
        + " for %.1f s; %d replies slower than %d ms after the service was back, the last %.1f s after it",
        (backAt - faultAt) / 1000.0, recover, outage, slowAfterBack, SLOW_MILLIS, lastSlowAfterBack);
    // What the clients saw, in 5 s steps from 10 s before the fault.
    var line = new StringBuilder();
    for (long t = faultAt - 10_000; t < dbWindowEnd; t += 5_000) {
      final long from = t;
      long ok;
      synchronized (answered) {
        ok = answered.stream().filter(r -> r[1] >= from && r[1] < from + 5_000).count();
      }
      long bad = inWindow.stream().filter(f -> f.end >= from && f.end < from + 5_000).count();
      line.append(String.format(" %+d:%d/%d", (t - faultAt) / 1000, ok - Math.min(ok, bad), bad));
    }
    log("timeline, 5 s steps from the fault (s: answered as expected/failed):%s", line);
    log("answers: %d confirmed saves; last confirmed answer of %d questions: %d in the database exactly,"
        + " %d lost, %d replaced by an unconfirmed newer one; %d never confirmed after the flush", acked.get(), checked,
        exact, lost, newer, unsent);
    log("attempts %d, submitted %d, graded in the database %d", attemptsOpened, submitted, graded);
    String loadAtEnd = loadAverage();
    log("load average (1, 5, 15 min) at the fault %s, at the end %s", loadAtFault, loadAtEnd);
    System.out.printf("RESULT|%s|%d|%d|%d|%d|%d|%d|%d|%.1f|%.1f|%.1f|%d|%d|%d|%d|%d|%d|%d|%d|%d|%.1f|%s|%s%n", name, clients,
        requests.get(), acked.get(), inWindow.size(), failedSaves, maxFailMs, maxWindowMs, (backAt - faultAt) / 1000.0, recover,
        outage, checked, exact, lost, unsent, attemptsOpened, submitted, graded, resent.get(), slowAfterBack,
        lastSlowAfterBack, loadAtFault, loadAtEnd);
  }

  /** One learner: a browser with its cookies, saving an answer a second. */
  static final class Learner {
    final String username;
    final long offsetMillis;
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5))
        .version(HttpClient.Version.HTTP_1_1).build();
    final String page = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    final Map<String, Answer> pending = new LinkedHashMap<>();
    final Map<String, Answer> confirmed = new HashMap<>();
    List<String> questions = List.of();
    String csrf;
    boolean session;
    long attempt;
    long counter;
    long steps;
    volatile long lastAck;
    boolean submitted;

    Learner(String username, long offsetMillis) {
      this.username = username;
      this.offsetMillis = offsetMillis;
    }

    void run() {
      long start = T0 + offsetMillis;
      long tick = 0;
      while (ticking) {
        sleepUntil(start + tick * 1000);
        tick++;
        try {
          step();
        } catch (RuntimeException | InterruptedException e) {
          // counted where it happened
        }
        // A request that took long must not be followed by a burst: skip the ticks it covered.
        tick = Math.max(tick, (now() - start) / 1000 + 1);
      }
      // Flush: what was never confirmed is sent again until confirmed (at most 90 s), then one submit.
      long until = now() + 90_000;
      while (!pending.isEmpty() && now() < until) {
        try {
          step();
        } catch (RuntimeException | InterruptedException e) {
          sleep(1000);
        }
      }
      for (int i = 0; i < 10 && !submitted && attempt > 0 && now() < until + 30_000; i++) {
        try {
          if (!session) {
            open();
          }
          submit();
        } catch (RuntimeException | InterruptedException e) {
          sleep(1000);
        }
      }
    }

    void step() throws InterruptedException {
      if (!session) {
        open();
        return;
      }
      if (++steps % 15 == 0) {
        // Now and then the learner reloads the attempt page (a browser's HTML request, with its error page).
        Page p = get("attempt page", "/learn/" + cohort + "/attempts/" + attempt);
        if (p != null && p.uri().getPath().startsWith("/login")) {
          session = false;
          fail("attempt page", p.startMillis, "login page", null);
        }
        return;
      }
      Answer ans;
      if (!pending.isEmpty()) {
        ans = pending.values().iterator().next();
      } else {
        String q = questions.get((int) (counter % questions.size()));
        ans = new Answer(q, ThreadLocalRandom.current().nextInt(4), ++counter);
        pending.put(q, ans);
      }
      save(ans);
    }

    /** Logs in (again), starts or resumes the attempt, reads its questions and form key. */
    void open() throws InterruptedException {
      var login = get("login", "/login");
      if (login == null) {
        return;
      }
      String token = csrf(login.body());
      var in = post("login", "/login", Map.of("username", List.of(username), "password", List.of(PASSWORD),
          "_csrf", List.of(token == null ? "" : token)));
      if (in == null) {
        return;
      }
      if (in.uri().getPath().startsWith("/login")) {
        fail("login", in.startMillis, "page " + in.uri().getPath() + (in.uri().getQuery() == null ? "" : "?" + in.uri().getQuery()), in.body());
        return;
      }
      Page attemptPage;
      if (attempt == 0) {
        var quiz = get("quiz page", "/learn/" + cohort + "/quizzes/" + LECTURE);
        if (quiz == null) {
          return;
        }
        attemptPage = post("start", "/learn/" + cohort + "/quizzes/" + LECTURE + "/attempts",
            Map.of("_csrf", List.of(String.valueOf(csrf(quiz.body())))));
      } else {
        attemptPage = get("attempt page", "/learn/" + cohort + "/attempts/" + attempt);
      }
      if (attemptPage == null) {
        return;
      }
      Matcher id = Pattern.compile("/attempts/(\\d+)").matcher(attemptPage.uri().getPath());
      if (!id.find()) {
        fail("start", attemptPage.startMillis, "page " + attemptPage.uri().getPath(), attemptPage.body());
        return;
      }
      attempt = Long.parseLong(id.group(1));
      var qs = new ArrayList<String>();
      Matcher m = Pattern.compile("data-question=\"([^\"]+)\"").matcher(attemptPage.body());
      while (m.find()) {
        qs.add(m.group(1));
      }
      questions = qs;
      csrf = csrf(attemptPage.body());
      session = csrf != null && !qs.isEmpty();
    }

    void save(Answer ans) throws InterruptedException {
      saves.incrementAndGet();
      var form = new LinkedHashMap<String, List<String>>();
      form.put("_csrf", List.of(csrf));
      form.put("question", List.of(ans.question));
      form.put("choice", List.of(String.valueOf(ans.choice)));
      form.put("page", List.of(page));
      form.put("seq", List.of(String.valueOf(ans.seq)));
      Page r = send("save", HttpRequest.newBuilder(URI.create(base + "/learn/" + cohort + "/attempts/" + attempt + "/answers"))
          .header("Accept", "text/plain").header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
      if (r == null) {
        return;
      }
      String state = r.response.headers().firstValue("X-Answer-State").orElse("");
      if (r.status() == 204) {
        acked.incrementAndGet();
        lastAck = now();
        Answer before = confirmed.get(ans.question);
        if (before == null || before.seq < ans.seq) {
          confirmed.put(ans.question, ans);
        }
        pending.remove(ans.question, ans);
      } else if (r.status() == 200 && state.equals("superseded")) {
        pending.remove(ans.question, ans);
      } else {
        if (r.uri().getPath().startsWith("/login") || r.status() == 403 || r.status() == 401) {
          session = false;
        }
        fail("save", r.startMillis, r.status() + (state.isEmpty() ? "" : " " + state)
            + (r.uri().getPath().startsWith("/login") ? " (login page)" : ""), r.body());
      }
    }

    void submit() throws InterruptedException {
      Page r = post("submit", "/learn/" + cohort + "/attempts/" + attempt + "/submit", Map.of("_csrf", List.of(csrf)));
      if (r != null && r.body().contains("Điểm:")) {
        submitted = true;
      } else if (r != null) {
        session = !r.uri().getPath().startsWith("/login") && r.status() != 403;
        fail("submit", r.startMillis, r.status() + " " + r.uri().getPath(), r.body());
      }
    }

    Page get(String what, String path) throws InterruptedException {
      Page p = send(what, HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
      if (p != null && p.status() != 200) {
        fail(what, p.startMillis, String.valueOf(p.status()), p.body());
        return null;
      }
      return p;
    }

    Page post(String what, String path, Map<String, List<String>> form) throws InterruptedException {
      Page p = send(what, HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(encode(form))));
      if (p != null && p.status() != 200) {
        if (p.status() == 403) {
          session = false;
        }
        fail(what, p.startMillis, String.valueOf(p.status()), p.body());
        return null;
      }
      return p;
    }

    /** Sends one request; a timeout or a refused connection is a failed request (null). */
    Page send(String what, HttpRequest.Builder request) throws InterruptedException {
      requests.incrementAndGet();
      long start = now();
      try {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> r;
        try {
          r = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException closed) {
          // A kept-alive connection closed before any byte of the reply: a browser sends the request again on a new
          // connection (Chromium does, POST included), so this client does too, once, and counts it apart.
          if (closed.getMessage() == null || !closed.getMessage().contains("received no bytes")) {
            throw closed;
          }
          resent.incrementAndGet();
          r = http.send(built, HttpResponse.BodyHandlers.ofString());
        }
        maxMillis.accumulateAndGet(now() - start, Math::max);
        answered.add(new long[] {start, now()});
        return new Page(r, start);
      } catch (IOException e) {
        maxMillis.accumulateAndGet(now() - start, Math::max);
        fail(what, start, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
        return null;
      }
    }
  }

  record Page(HttpResponse<String> response, long startMillis) {
    int status() {
      return response.statusCode();
    }

    URI uri() {
      return response.uri();
    }

    String body() {
      return response.body() == null ? "" : response.body();
    }
  }

  static void fail(String what, long start, String outcome, String body) {
    failures.add(new Failure(what, start, now(), outcome));
    if (body != null) {
      String text = body.replaceAll("(?s)<head.*?</head>", " ").replaceAll("(?s)<script.*?</script>", " ")
          .replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
      sampleBodies.putIfAbsent(what + " " + outcome, text.length() > 160 ? text.substring(0, 160) + "…" : text);
    }
  }

  static long lastFailureEnd() {
    synchronized (failures) {
      return failures.stream().mapToLong(Failure::end).max().orElse(0);
    }
  }

  static String csrf(String html) {
    Matcher m = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
        .matcher(html);
    return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
  }

  static String encode(Map<String, List<String>> form) {
    var sb = new StringBuilder();
    form.forEach((k, vs) -> vs.forEach(v -> {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    }));
    return sb.toString();
  }

  static List<String> query(String sql) throws IOException, InterruptedException {
    var cmd = new ArrayList<>(List.of("bash", "-c", psql + " -X -At -c \"$0\"", sql));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("psql failed: " + out);
    }
    return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
  }

  static void sh(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", command).inheritIO().start();
    int rc = p.waitFor();
    if (rc != 0) {
      log("command exited with %d: %s", rc, command);
    }
  }

  /** The machine's load average over 1, 5 and 15 minutes, as /proc/loadavg says. */
  static String loadAverage() {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  static long now() {
    return System.currentTimeMillis();
  }

  static void sleepUntil(long at) {
    sleep(at - now());
  }

  static void sleep(long millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static void log(String format, Object... args) {
    System.out.printf("[%s +%6.1f s] %s%n", Instant.now().toString().substring(11, 19), (now() - T0) / 1000.0,
        String.format(format, args));
  }
}
