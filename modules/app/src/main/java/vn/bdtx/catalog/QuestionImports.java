package vn.bdtx.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.Gift;
import vn.bdtx.domain.catalog.Markup;
import vn.bdtx.domain.catalog.Media;
import vn.bdtx.domain.catalog.MoodleXml;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectStore;

/**
 * What an import of a question file needs besides parsing: the images a Moodle XML
 * file embeds stored as course media (type checked by content, content-addressed)
 * with the texts pointing at them; a file whose questions are partly in the bank
 * kept for half an hour while the lecturer chooses to skip or replace them; and
 * the bank written back as GIFT or Moodle XML (images embedded again).
 */
@Component
class QuestionImports {

  static final Duration PENDING = Duration.ofMinutes(30);

  private final CourseMedia media;
  private final ObjectStore store;
  private final ReactiveStringRedisTemplate redis;
  private final String prefix;

  QuestionImports(CourseMedia media, ObjectStore store, ReactiveStringRedisTemplate redis,
                  @Value("${bdtx.redis.namespace}") String namespace) {
    this.media = media;
    this.store = store;
    this.redis = redis;
    this.prefix = namespace + ":question-import:";
  }

  /** Images stored and the questions' texts pointing at them; the names of images refused (not an image, too large). */
  record Stored(List<Question> questions, List<Media> images, List<String> refused) {
  }

  Mono<Stored> storeImages(long courseId, List<Question> questions, Map<String, byte[]> images) {
    if (images.isEmpty()) {
      return Mono.just(new Stored(questions, List.of(), List.of()));
    }
    return Flux.fromIterable(images.entrySet())
        .concatMap(e -> Mono.fromCallable(() -> {
              Path tmp = vn.bdtx.platform.storage.TempUploadFiles.create();
              Files.write(tmp, e.getValue());
              return tmp;
            }).subscribeOn(Schedulers.boundedElastic())
            .flatMap(tmp -> media.store(courseId, tmp, e.getKey())
                .map(s -> Map.entry(e.getKey(), s))
                .doFinally(x -> tmp.toFile().delete())))
        .collectList()
        .map(results -> {
          var kept = new ArrayList<Media>();
          var refused = new ArrayList<String>();
          Map<String, String> srcs = new HashMap<>();
          for (var r : results) {
            if (r.getValue() instanceof CourseMedia.Stored.Ok ok && ok.media().image()) {
              kept.add(ok.media());
              srcs.put(r.getKey(), Markup.MEDIA_PREFIX + ok.media().sha256());
            } else {
              refused.add(r.getKey());
            }
          }
          List<Question> rewritten = questions.stream().map(q -> q.mapTexts(t -> {
            String out = t;
            for (var s : srcs.entrySet()) {
              out = out.replace(Markup.PLUGINFILE + s.getKey(), s.getValue())
                  .replace(Markup.PLUGINFILE + URLEncoder.encode(s.getKey(), StandardCharsets.UTF_8).replace("+", "%20"), s.getValue());
            }
            return out;
          })).toList();
          return new Stored(rewritten, kept, refused);
        });
  }

  /** Keeps a file's text while its importer chooses what to do with the questions already in the bank. */
  Mono<String> keep(long accountId, long courseId, String text) {
    String token = UUID.randomUUID().toString();
    return redis.opsForValue().set(key(accountId, courseId, token), text, PENDING).thenReturn(token);
  }

  Mono<Optional<String>> kept(long accountId, long courseId, String token) {
    if (token == null || !token.matches("[0-9a-f-]{36}")) {
      return Mono.just(Optional.empty());
    }
    return redis.opsForValue().get(key(accountId, courseId, token)).map(Optional::of).defaultIfEmpty(Optional.empty());
  }

  Mono<Void> forget(long accountId, long courseId, String token) {
    return token == null || token.isBlank() ? Mono.empty() : redis.delete(key(accountId, courseId, token)).then();
  }

  private String key(long accountId, long courseId, String token) {
    return prefix + accountId + ":" + courseId + ":" + token;
  }

  /** The bank, or one category of it, as a GIFT file. */
  static String gift(CourseContent content, String category) {
    return Gift.writeAll(selected(content, category));
  }

  /** The bank, or one category, as Moodle XML with its images embedded. */
  Mono<String> moodleXml(long courseId, CourseContent content, String category) {
    List<Question> questions = selected(content, category);
    return Flux.fromIterable(content.images())
        .filter(m -> questions.stream().anyMatch(q -> mentions(q, m)))
        .concatMap(m -> store.read(Bucket.MEDIA, CourseMedia.key(courseId, m.sha256())).map(bytes -> Map.entry(m, bytes)))
        .collectList()
        .map(found -> {
          Map<String, byte[]> bySrc = new HashMap<>();
          // Moodle keeps the file's name: the image's name when it came from Moodle, else its hash with the type's extension.
          found.forEach(e -> bySrc.put(Markup.MEDIA_PREFIX + e.getKey().sha256(), e.getValue()));
          Map<String, String> names = new HashMap<>();
          found.forEach(e -> names.put(Markup.MEDIA_PREFIX + e.getKey().sha256(), fileName(e.getKey())));
          List<Question> named = questions.stream().map(q -> q.mapTexts(t -> {
            String out = t;
            for (var n : names.entrySet()) {
              out = out.replace(n.getKey() + "\"", n.getKey() + "/" + n.getValue() + "\"");
            }
            return out;
          })).toList();
          Map<String, byte[]> byNamedSrc = new HashMap<>();
          bySrc.forEach((src, bytes) -> byNamedSrc.put(src + "/" + names.get(src), bytes));
          return MoodleXml.write(named, byNamedSrc::get);
        });
  }

  private static boolean mentions(Question q, Media m) {
    String src = Markup.MEDIA_PREFIX + m.sha256();
    return q.text().contains(src) || q.generalFeedback().contains(src)
        || q.choices().stream().anyMatch(c -> c.text().contains(src) || c.feedback().contains(src));
  }

  private static String fileName(Media m) {
    String name = m.name().replaceAll("[^\\p{L}\\p{N}._-]", "-");
    if (name.isBlank() || !name.contains(".")) {
      name = m.sha256().substring(0, 12) + (m.contentType().equals("image/jpeg") ? ".jpg" : "." + m.contentType().substring(6));
    }
    return name;
  }

  private static List<Question> selected(CourseContent content, String category) {
    return category == null || category.isBlank() ? content.questions() : content.inCategory(category);
  }
}
