package vn.bdtx.assignments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.cohorts.CohortViews;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectStore;
import vn.bdtx.platform.web.NotFound;

/**
 * A group's latest submissions as one ZIP, /cohorts/{id}/grading/archive?group=…,
 * for graders who mark offline. Streamed: each file is copied from the store
 * into the ZIP as the browser reads it (back-pressure from the connection), so
 * the app's memory stays flat whatever the group's size. Same scope as the queue.
 */
@Controller
class GroupArchiveController {

  private final CohortViews views;
  private final Grades grades;
  private final Submissions submissions;
  private final ObjectStore store;
  private final Clock clock;
  private final Executor blocking = task -> Schedulers.boundedElastic().schedule(task);

  GroupArchiveController(CohortViews views, Grades grades, Submissions submissions, ObjectStore store, Clock clock) {
    this.views = views;
    this.grades = grades;
    this.submissions = submissions;
    this.store = store;
    this.clock = clock;
  }

  private record Entry(String name, String key) {
  }

  @GetMapping("/cohorts/{id}/grading/archive")
  Mono<ResponseEntity<Flux<DataBuffer>>> archive(@AuthenticationPrincipal Caller caller, @PathVariable long id,
                                                 @RequestParam(required = false) Long group) {
    return views.scope(caller, id)
        .flatMap(scope -> views.learners(scope, clock.instant()).zipWith(views.groups(id)).flatMap(t -> {
          var learners = t.getT1().stream().filter(l -> "MAIN".equals(l.enrollment().kind()))
              .filter(l -> group == null || group.equals(l.groupId())).toList();
          var groupNames = new java.util.HashMap<Long, String>();
          t.getT2().forEach(g -> groupNames.put(g.id(), g.label()));
          return Flux.fromIterable(learners).concatMap(l -> submissions.versions(l.enrollment().id()).map(versions -> {
            var entries = new ArrayList<Entry>();
            if (!versions.isEmpty()) {
              var latest = versions.get(0);
              String folder = clean(groupNames.getOrDefault(l.groupId(), "—")) + "/" + clean(l.username() + " - " + l.fullName());
              for (var f : latest.files()) {
                entries.add(new Entry(folder + "/lan-" + latest.version() + "-" + f.position() + "-" + clean(f.name()), f.objectKey()));
              }
            }
            return entries;
          })).collectList().map(lists -> lists.stream().flatMap(List::stream).toList());
        }))
        .map(entries -> {
          String name = "bai-nop-lop-" + id + (group == null ? "" : "-nhom-" + group) + ".zip";
          Flux<DataBuffer> body = Flux.from(DataBufferUtils.outputStreamPublisher(out -> write(entries, out),
              DefaultDataBufferFactory.sharedInstance, blocking, 64 * 1024));
          return ResponseEntity.ok()
              .contentType(MediaType.parseMediaType("application/zip"))
              .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"; filename*=UTF-8''"
                  + URLEncoder.encode(name, StandardCharsets.UTF_8))
              .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
              .body(body);
        })
        .as(NotFound::orNotFound);
  }

  private void write(List<Entry> entries, java.io.OutputStream out) {
    try (var zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      // Documents and media are compressed already: spend little CPU trying again.
      zip.setLevel(1);
      var seen = new java.util.HashSet<String>();
      for (Entry e : entries) {
        String name = e.name();
        for (int i = 2; !seen.add(name); i++) {
          name = e.name() + " (" + i + ")";
        }
        zip.putNextEntry(new ZipEntry(name));
        try (InputStream in = store.openBlocking(Bucket.SUBMISSIONS, e.key())) {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    } catch (Exception x) {
      throw new IllegalStateException(x);
    }
  }

  /** A path segment without separators or dot-dot. */
  static String clean(String s) {
    String c = s.replace('/', '_').replace('\\', '_').replaceAll("[\\p{Cntrl}]", "").strip();
    return c.isEmpty() || c.equals(".") || c.equals("..") ? "_" : c;
  }
}
