package vn.bdtx.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.CourseFolder;
import vn.bdtx.domain.catalog.Media;

/**
 * Loads the courses kept as files (content/courses/&lt;folder&gt;, format in
 * content/README.md) after the catalogue. A folder whose files did not change
 * since the last start is left alone; a changed one becomes the next published
 * version (running cohorts keep theirs); a folder with any problem is logged as
 * file:line and skipped, and the others still load.
 */
@Service
public class ContentLoader {

  private static final Logger log = LoggerFactory.getLogger(ContentLoader.class);
  private static final Set<String> TEXT = Set.of(".txt", ".md", ".gift", ".xml");

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final Courses courses;
  private final CourseMedia media;
  private final Path contentDir;

  ContentLoader(DatabaseClient db, TransactionalOperator tx, Courses courses, CourseMedia media,
                @Value("${bdtx.content.dir}") String contentDir) {
    this.db = db;
    this.tx = tx;
    this.courses = courses;
    this.media = media;
    this.contentDir = Path.of(contentDir);
  }

  /** What a load did, folder by folder. */
  public record Report(List<String> published, List<String> unchanged, Map<String, List<String>> skipped) {
  }

  /** After the buckets exist (BucketCreation, order 0). A store that is down leaves the courses as they were. */
  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  @Order(10)
  public void loadAtStart() {
    try {
      load(contentDir.resolve("courses")).block(Duration.ofMinutes(5));
    } catch (RuntimeException e) {
      log.error("Courses from files not loaded ({}); the next start tries again", e.toString());
    }
  }

  public Mono<Report> load(Path dir) {
    var report = new Report(new ArrayList<>(), new ArrayList<>(), new TreeMap<>());
    if (!Files.isDirectory(dir)) {
      log.info("No course folder at {}", dir.toAbsolutePath());
      return Mono.just(report);
    }
    List<Path> folders;
    try (Stream<Path> s = Files.list(dir)) {
      folders = s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return courses.moduleCodes().flatMap(codes -> Flux.fromIterable(folders)
            .concatMap(folder -> loadOne(folder, Set.copyOf(codes), report))
            .then(Mono.just(report)))
        .doOnNext(r -> log.info("Courses from files: {} published, {} unchanged, {} skipped",
            r.published().size(), r.unchanged().size(), r.skipped().size()));
  }

  private Mono<Void> loadOne(Path folder, Set<String> moduleCodes, Report report) {
    String name = folder.getFileName().toString();
    var texts = new TreeMap<String, String>();
    var others = new HashSet<String>();
    String hash;
    try {
      hash = readFolder(folder, texts, others);
    } catch (CharacterCodingException e) {
      report.skipped().put(name, List.of("NOT_UTF8 " + e.getMessage()));
      log.warn("Course folder {} skipped: a text file is not UTF-8", name);
      return Mono.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var read = CourseFolder.read(texts, others, moduleCodes);
    if (!read.ok()) {
      List<String> problems = read.problems().stream().map(p -> name + "/" + p).toList();
      report.skipped().put(name, problems);
      problems.forEach(p -> log.warn("Course folder skipped: {}", p));
      return Mono.empty();
    }
    return db.sql("SELECT id, source_hash FROM course WHERE source_dir = :d").bind("d", name)
        .map((r, m) -> new Object[] {r.get("id", Long.class), r.get("source_hash", String.class)}).one()
        .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
        .flatMap(existing -> {
          if (existing.isPresent() && hash.equals(existing.get()[1])) {
            report.unchanged().add(name);
            return Mono.empty();
          }
          var m = read.manifest();
          Mono<Long> id = existing.isPresent() ? Mono.just((Long) existing.get()[0])
              : db.sql("""
                      INSERT INTO course (module_code, level, subject, title, source_dir, draft)
                      VALUES (:m, :l, :s, :t, :d, :draft) RETURNING id""")
                  .bind("m", m.moduleCode()).bind("l", m.level().name()).bind("s", m.subject()).bind("t", m.title())
                  .bind("d", name).bind("draft", ContentJson.write(CourseContent.EMPTY))
                  .map((r, meta) -> r.get("id", Long.class)).one();
          return id.flatMap(courseId -> withStoredMedia(courseId, folder, read.content())
              .flatMap(content -> db.sql("""
                      UPDATE course SET module_code = :m, level = :l, subject = :s, title = :t, draft = :draft,
                        source_hash = :h, revision = revision + 1, updated_at = now() WHERE id = :id""")
                  .bind("m", m.moduleCode()).bind("l", m.level().name()).bind("s", m.subject()).bind("t", m.title())
                  .bind("draft", ContentJson.write(content)).bind("h", hash).bind("id", courseId).then()
                  .then(courses.publish(courseId, content, null))
                  .as(tx::transactional)
                  .doOnSuccess(v -> courses.forgetTitle(courseId)))
              .doOnNext(v -> {
                report.published().add(name);
                log.info("Course {} loaded from files as version {}", name, v);
              }))
              .then();
        })
        .onErrorResume(MediaRefused.class, e -> {
          report.skipped().put(name, List.of(name + "/" + e.getMessage()));
          log.warn("Course folder skipped: {}/{}", name, e.getMessage());
          return Mono.empty();
        });
  }

  /** A media file of a course folder that the media rules refuse (type or size): the folder is skipped. */
  static final class MediaRefused extends RuntimeException {
    MediaRefused(String message) {
      super(message, null, false, false);
    }
  }

  /** Stores every media file the content names and puts its hash and type into the content. */
  private Mono<CourseContent> withStoredMedia(long courseId, Path folder, CourseContent content) {
    return Flux.fromIterable(content.lectures())
        .concatMap(l -> l.media() == null ? Mono.just(l) : stored(courseId, folder, l.media()).map(l::withMedia))
        .collectList()
        .flatMap(lectures -> {
          var a = content.assignment();
          Mono<Media> sample = a.sample() == null ? Mono.empty() : stored(courseId, folder, a.sample());
          return sample.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
              .map(s -> new CourseContent(lectures, content.questions(), content.surveyCategory(),
                  new vn.bdtx.domain.catalog.FinalAssignment(a.brief(), a.rubric(), s.orElse(null)), content.nextId()));
        });
  }

  private Mono<Media> stored(long courseId, Path folder, Media named) {
    Path file = folder.resolve(named.name()).normalize();
    String shown = file.getFileName().toString();
    return media.store(courseId, file, shown).flatMap(stored -> {
      if (stored instanceof CourseMedia.Stored.Ok ok) {
        return Mono.just(ok.media());
      }
      var refused = (CourseMedia.Stored.Refused) stored;
      return Mono.error(new MediaRefused(named.name() + " " + refused.reason() + " " + refused.detail()));
    });
  }

  /** Reads the folder's text files (UTF-8 only) and lists the others; returns a hash of every file's path and bytes. */
  private static String readFolder(Path folder, Map<String, String> texts, Set<String> others) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(folder)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String rel = folder.relativize(f).toString().replace('\\', '/');
      byte[] bytes = Files.readAllBytes(f);
      digest.update(rel.getBytes(StandardCharsets.UTF_8));
      digest.update(bytes);
      String lower = rel.toLowerCase();
      if (TEXT.stream().anyMatch(lower::endsWith)) {
        texts.put(rel, StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
      } else {
        others.add(rel);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
