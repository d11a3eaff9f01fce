package vn.bdtx.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Seeds the quiz benchmarks into the load database: a course whose one lecture
 * has a lesson quiz of 10 single-answer questions (unlimited attempts, no time
 * limit), published, a class that started yesterday with the learners
 * {@code <prefix>00001 …} enrolled; and reads the server's CPU time from /proc.
 */
final class QuizLoad {

  static final String JDBC = System.getProperty("bdtx.jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/bdtx_load");
  static final String DB_USER = System.getProperty("bdtx.dbUser", "postgres");
  static final String DB_PASSWORD = System.getProperty("bdtx.dbPassword", "");
  static final String LECTURE = "L1";

  private QuizLoad() {
  }

  static String content() {
    var questions = new ArrayList<String>();
    for (int i = 1; i <= 10; i++) {
      questions.add("""
          {"id":"Q%1$d","category":"Tải","name":"C%1$d","text":"Câu %1$d: phương án nào đúng?","kind":"SINGLE",
           "choices":[{"text":"Phương án đúng","weight":100,"feedback":""},{"text":"Phương án sai 1","weight":0,"feedback":""},
                      {"text":"Phương án sai 2","weight":0,"feedback":""},{"text":"Phương án sai 3","weight":0,"feedback":""}],
           "generalFeedback":""}""".formatted(i));
    }
    return """
        {"lectures":[{"id":"L1","title":"Bài tải 1","body":"Bài giảng dùng cho đo tải.","media":null,"quizCategory":"Tải",
          "quiz":{"questions":0,"attempts":0,"timeLimitMinutes":0,"shuffle":true,"policy":"BEST","review":"FULL"}}],
         "questions":[%s],"surveyCategory":"Khảo sát cuối khóa","assignment":null,"nextId":12}""".formatted(String.join(",", questions));
  }

  /** The class of the benchmark named {@code cohortName}, created with its course and enrolments if missing; returns its id. */
  static long ensureCohort(String cohortName, String prefix, int learners) {
    return ensureCohort(cohortName, prefix, learners, 1);
  }

  /** As {@link #ensureCohort(String, String, int)}, the class having started {@code daysAgo} days before today. */
  static long ensureCohort(String cohortName, String prefix, int learners, int daysAgo) {
    if (!JDBC.contains("load")) {
      throw new IllegalArgumentException("Refusing to seed " + JDBC + ": its name must contain 'load'");
    }
    try (var c = DriverManager.getConnection(JDBC, DB_USER, DB_PASSWORD); var s = c.createStatement()) {
      c.setAutoCommit(false);
      try (var course = c.prepareStatement("""
          INSERT INTO course (module_code, level, subject, title, source_dir, draft)
          VALUES ('GV-02', 'ALL', 'Đo tải', 'Khóa học đo tải', 'load-quiz', CAST(? AS jsonb))
          ON CONFLICT (source_dir) DO NOTHING""")) {
        course.setString(1, content());
        course.executeUpdate();
      }
      try (var version = c.prepareStatement("""
          INSERT INTO content_version (course_id, number, content)
          SELECT id, 1, CAST(? AS jsonb) FROM course WHERE source_dir = 'load-quiz'
          ON CONFLICT DO NOTHING""")) {
        version.setString(1, content());
        version.executeUpdate();
      }
      // Started daysAgo days ago: with 1, day 2 of 15, self-study open.
      LocalDate start = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(daysAgo);
      try (var cohort = c.prepareStatement("""
          INSERT INTO cohort (course_id, module_code, content_version_id, name, start_date, regulation_version)
          SELECT v.course_id, k.module_code, v.id, ?, ?, (SELECT max(number) FROM regulation_version)
          FROM content_version v JOIN course k ON k.id = v.course_id
          WHERE k.source_dir = 'load-quiz' AND NOT EXISTS (SELECT 1 FROM cohort WHERE name = ?)""")) {
        cohort.setString(1, cohortName);
        cohort.setObject(2, start);
        cohort.setString(3, cohortName);
        cohort.executeUpdate();
      }
      try (var enroll = c.prepareStatement("""
          INSERT INTO enrollment (cohort_id, account_id, kind)
          SELECT h.id, a.id, 'MAIN' FROM cohort h, account a
          WHERE h.name = ? AND a.username LIKE ? ON CONFLICT DO NOTHING""")) {
        enroll.setString(1, cohortName);
        enroll.setString(2, prefix + "%");
        enroll.executeUpdate();
      }
      long id;
      try (var rs = s.executeQuery("SELECT id, start_date FROM cohort WHERE name = '" + cohortName.replace("'", "''") + "'")) {
        rs.next();
        id = rs.getLong(1);
        if (!rs.getObject(2, LocalDate.class).isAfter(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(14))) {
          throw new IllegalStateException("The class '" + cohortName + "' of an earlier run is over; drop the load database first");
        }
      }
      c.commit();
      return id;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not seed the quiz benchmark into " + JDBC + " (is the app started on it?)", e);
    }
  }

  /** One number from the load database. */
  static long count(String sql, Object... args) {
    try (var c = DriverManager.getConnection(JDBC, DB_USER, DB_PASSWORD); var p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      try (var rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * CPU time used so far, in milliseconds, by the app (a java process whose
   * command line names bdtx), PostgreSQL (every postgres process plus what its
   * exited children used) and Redis, from /proc (clock ticks of 10 ms).
   */
  static long serverCpuMillis() {
    long ticks = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
          String comm = Files.readString(p.resolve("comm")).strip();
          boolean app = comm.equals("java") && (cmd.contains("bdtx.jar") || cmd.contains("vn.bdtx.BdtxApplication"));
          boolean pg = comm.startsWith("postgres") || cmd.startsWith("postgres");
          boolean redis = comm.startsWith("redis-server");
          if (!(app || pg || redis)) {
            continue;
          }
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // fields after the name: state(0) … utime(11) stime(12) cutime(13) cstime(14)
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          if (pg) {
            // the postmaster's share of backends that have exited (0 for the backends themselves)
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
          }
        } catch (IOException | RuntimeException gone) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return ticks * 10;
  }

}
