import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU of the request threads, split by library, from a JFR recording (profile-journey.sh calls it; Java 17
 * runs it as a source file: {@code java JfrSplit.java recording.jfr [group=userMsPerJourney ...]}).
 *
 * <p>Each jdk.ExecutionSample of a request thread counts for the library of its innermost frame outside the JDK
 * (java.*, jdk.*, sun.*): a HashMap lookup inside Thymeleaf is Thymeleaf's work, one inside a Reactor operator is
 * Reactor's. A sample with only JDK frames counts as "JDK only". The threads fall in four groups (HTTP event loops,
 * R2DBC event loops, Lettuce threads, Reactor schedulers); given each group's user-mode CPU per journey from /proc
 * ({@code http=18.6 r2dbc=40.3 lettuce=37.2 schedulers=79.7}), a library's ms per journey is the sum over the
 * groups of its share of that group's samples times the group's CPU. (JFR samples threads running Java code only,
 * so the shares of different threads are not comparable directly: an event loop spends much of its time in
 * native code and system calls, a BCrypt check none.)
 */
public class JfrSplit {

  /** First match wins: the library a class belongs to, by package prefix. */
  static final String[][] LIBRARIES = {
      {"bcrypt", "org.springframework.security.crypto.bcrypt."},
      {"r2dbc/postgres driver", "io.r2dbc.", "org.springframework.r2dbc.", "org.springframework.data.r2dbc.",
          "org.springframework.data.relational.", "org.springframework.data.mapping.", "reactor.pool."},
      {"lettuce/redis/session", "io.lettuce.", "org.springframework.data.redis.", "org.springframework.session."},
      {"thymeleaf/spel", "org.thymeleaf.", "org.attoparser.", "org.unbescape.", "org.springframework.expression."},
      {"spring security", "org.springframework.security."},
      {"netty/webflux", "io.netty.", "reactor.netty.", "org.springframework.web.", "org.springframework.http.",
          "org.springframework.core.codec.", "org.springframework.core.io.buffer."},
      {"jackson", "com.fasterxml.", "tools.jackson."},
      {"micrometer", "io.micrometer."},
      {"app code", "vn.bdtx."},
      {"reactor operators", "reactor.core.", "reactor.util."},
      {"spring (other)", "org.springframework."},
  };

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Map<String, Double> groupMs = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=");
      groupMs.put(kv[0], Double.parseDouble(kv[1]));
    }
    double userMsPerJourney = groupMs.values().stream().mapToDouble(Double::doubleValue).sum();

    Map<String, Long> byLibrary = new HashMap<>();
    Map<String, Map<String, Long>> byGroupLibrary = new HashMap<>();
    Map<String, Map<String, Long>> byGroupSelf = new HashMap<>();
    Map<String, Map<String, Long>> byGroupApp = new HashMap<>();
    Map<String, Long> byThreadGroup = new HashMap<>();
    Map<String, Long> selfTop = new HashMap<>();
    Map<String, Long> appInclusive = new HashMap<>();
    long total = 0;
    long all = 0;
    try (var recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent e = recording.readEvent();
        if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        all++;
        var thread = e.getThread("sampledThread");
        String name = thread == null ? "?" : thread.getJavaName();
        String group = group(name);
        if (group == null) {
          continue;
        }
        var stack = e.getStackTrace();
        if (stack == null) {
          continue;
        }
        total++;
        GROUP_SAMPLES.merge(group, 1L, Long::sum);
        byThreadGroup.merge(name.replaceAll("(-\\d+)+$", ""), 1L, Long::sum);
        List<RecordedFrame> frames = stack.getFrames();
        String library = "JDK only";
        String self = null;
        for (RecordedFrame f : frames) {
          if (!f.isJavaFrame() || f.getMethod() == null) {
            continue;
          }
          String type = f.getMethod().getType().getName();
          if (isJdk(type)) {
            continue;
          }
          library = libraryOf(type);
          self = type + "." + f.getMethod().getName();
          break;
        }
        byLibrary.merge(library, 1L, Long::sum);
        byGroupLibrary.computeIfAbsent(group, g -> new HashMap<>()).merge(library, 1L, Long::sum);
        if (self == null && !frames.isEmpty() && frames.get(0).getMethod() != null) {
          self = frames.get(0).getMethod().getType().getName() + "." + frames.get(0).getMethod().getName();
        }
        selfTop.merge(self == null ? "?" : self, 1L, Long::sum);
        byGroupSelf.computeIfAbsent(group, g -> new HashMap<>()).merge(self == null ? "?" : self, 1L, Long::sum);
        var seen = new HashSet<String>();
        for (RecordedFrame f : frames) {
          if (f.getMethod() != null && f.getMethod().getType().getName().startsWith("vn.bdtx.")) {
            String m = f.getMethod().getType().getName().substring("vn.bdtx.".length()) + "." + f.getMethod().getName();
            if (seen.add(m)) {
              appInclusive.merge(m, 1L, Long::sum);
              byGroupApp.computeIfAbsent(group, g -> new HashMap<>()).merge(m, 1L, Long::sum);
            }
          }
        }
      }
    }
    System.out.printf("JFR execution samples: %d in all, %d on the request threads; their user CPU %.1f ms per journey%n%n",
        all, total, userMsPerJourney);
    print("library (innermost non-JDK frame)", byLibrary, scaled(byGroupLibrary, groupMs), total, 100);
    print("thread", byThreadGroup, Map.of(), total, 100);
    print("innermost non-JDK method (self)", selfTop, scaled(byGroupSelf, groupMs), total, 30);
    print("app method on the stack (inclusive)", appInclusive, scaled(byGroupApp, groupMs), total, 40);
  }

  /** The four groups of request threads (as profile-journey.sh names them); null for any other thread. */
  static String group(String thread) {
    if (thread == null) {
      return null;
    }
    if (thread.startsWith("reactor-http")) {
      return "http";
    }
    if (thread.startsWith("reactor-tcp")) {
      return "r2dbc";
    }
    if (thread.startsWith("lettuce")) {
      return "lettuce";
    }
    if (thread.startsWith("boundedElastic") || thread.startsWith("parallel") || thread.startsWith("single")) {
      return "schedulers";
    }
    return null;
  }

  /** Per key, the sum over groups of (its samples in the group / all the group's samples) times the group's ms. */
  static Map<String, Double> scaled(Map<String, Map<String, Long>> byGroup, Map<String, Double> groupMs) {
    Map<String, Double> out = new HashMap<>();
    byGroup.forEach((group, counts) -> {
      double ms = groupMs.getOrDefault(group, 0.0);
      long samples = GROUP_SAMPLES.getOrDefault(group, 0L);
      counts.forEach((key, n) -> out.merge(key, samples == 0 ? 0 : ms * n / samples, Double::sum));
    });
    return out;
  }

  static final Map<String, Long> GROUP_SAMPLES = new HashMap<>();

  static boolean isJdk(String type) {
    return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("com.sun.");
  }

  static String libraryOf(String type) {
    for (String[] library : LIBRARIES) {
      for (int i = 1; i < library.length; i++) {
        if (type.startsWith(library[i])) {
          return library[0];
        }
      }
    }
    int dot = type.indexOf('.', type.indexOf('.') + 1);
    return "other: " + (dot > 0 ? type.substring(0, dot) : type);
  }

  static void print(String title, Map<String, Long> counts, Map<String, Double> ms, long total, int limit) {
    var rows = new ArrayList<>(counts.entrySet());
    boolean withMs = !ms.isEmpty();
    rows.sort(withMs ? Comparator.comparing((Map.Entry<String, Long> e) -> ms.getOrDefault(e.getKey(), 0.0)).reversed()
        : Map.Entry.<String, Long>comparingByValue().reversed());
    System.out.printf("| %s | samples | share of samples |%s%n", title, withMs ? " ms/journey |" : "");
    System.out.printf("|---|---|---|%s%n", withMs ? "---|" : "");
    for (var row : rows.subList(0, Math.min(limit, rows.size()))) {
      double share = total == 0 ? 0 : (double) row.getValue() / total;
      System.out.printf("| %s | %d | %.1f%% |%s%n", row.getKey(), row.getValue(), 100 * share,
          withMs ? String.format(" %.2f |", ms.getOrDefault(row.getKey(), 0.0)) : "");
    }
    System.out.println();
  }
}
