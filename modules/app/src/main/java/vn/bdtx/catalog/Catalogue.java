package vn.bdtx.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.Position;
import vn.bdtx.domain.catalog.CatalogueFile;
import vn.bdtx.domain.catalog.TrainingModule;
import vn.bdtx.platform.spreadsheet.Spreadsheets;

/**
 * The catalogue of training modules, kept as files under content/catalogue and
 * loaded at every start: a changed line updates its module, nothing is duplicated,
 * a bad line is logged with its file and line and skipped (the rest still loads).
 */
@Service
@org.springframework.core.annotation.Order(5)
public class Catalogue implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(Catalogue.class);
  private final DatabaseClient db;
  private final Path contentDir;

  Catalogue(DatabaseClient db, @Value("${bdtx.content.dir}") String contentDir) {
    this.db = db;
    this.contentDir = Path.of(contentDir);
  }

  @Override
  public void run(ApplicationArguments args) {
    load(contentDir.resolve("catalogue")).block(Duration.ofSeconds(60));
  }

  /** What a load did: modules written (new or changed) and the problems found, by file. */
  public record Loaded(int written, List<String> problems) {
  }

  /** Loads every .csv file of {@code dir}; a missing folder loads nothing. */
  public Mono<Loaded> load(Path dir) {
    if (!Files.isDirectory(dir)) {
      log.warn("No catalogue folder at {}: the catalogue keeps what it had", dir.toAbsolutePath());
      return Mono.just(new Loaded(0, List.of()));
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var problems = new ArrayList<String>();
    var modules = new ArrayList<TrainingModule>();
    for (Path f : files) {
      var result = CatalogueFile.read(lines(f, problems));
      modules.addAll(result.modules());
      result.problems().forEach(p -> problems.add(f.getFileName() + ":" + p.line() + " " + p.problem() + " " + p.value()));
    }
    problems.forEach(p -> log.warn("Catalogue line skipped: {}", p));
    return Flux.fromIterable(modules).concatMap(this::upsert).reduce(0L, Long::sum)
        .map(written -> new Loaded(written.intValue(), List.copyOf(problems)))
        .doOnNext(l -> log.info("Catalogue: {} modules read, {} new or changed", modules.size(), l.written()));
  }

  private static Map<Integer, List<String>> lines(Path file, List<String> problems) {
    try {
      var opened = Spreadsheets.open(file);
      if (opened instanceof Spreadsheets.Opened.Unreadable u) {
        problems.add(file.getFileName() + ":" + u.problem().line() + " " + u.problem().kind());
        return Map.of();
      }
      var rows = ((Spreadsheets.Opened.Readable) opened).rows();
      Map<Integer, List<String>> lines = new LinkedHashMap<>();
      int line = 1;
      while (rows.rows().hasNext()) {
        List<String> row = rows.rows().next();
        line++;
        if (row.stream().anyMatch(c -> c != null && !c.isBlank())) {
          lines.put(line, row);
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Mono<Long> upsert(TrainingModule m) {
    return db.sql("""
            INSERT INTO training_module (code, audience, title, periods, prerequisites)
            VALUES (:code, :audience, :title, :periods, :pre)
            ON CONFLICT (code) DO UPDATE SET audience = EXCLUDED.audience, title = EXCLUDED.title,
              periods = EXCLUDED.periods, prerequisites = EXCLUDED.prerequisites, updated_at = now()
            WHERE (training_module.audience, training_module.title, training_module.periods, training_module.prerequisites)
              IS DISTINCT FROM (EXCLUDED.audience, EXCLUDED.title, EXCLUDED.periods, EXCLUDED.prerequisites)""")
        .bind("code", m.code()).bind("audience", m.audience().name()).bind("title", m.title())
        .bind("periods", m.periods()).bind("pre", String.join(";", m.prerequisites()))
        .fetch().rowsUpdated();
  }

  /** Every module, teachers' first, in code order. */
  public Mono<List<TrainingModule>> all() {
    return db.sql("SELECT code, audience, title, periods, prerequisites FROM training_module ORDER BY audience DESC, code")
        .map((r, m) -> new TrainingModule(r.get("code", String.class), Position.valueOf(r.get("audience", String.class)),
            r.get("title", String.class), r.get("periods", Integer.class),
            java.util.Arrays.stream(r.get("prerequisites", String.class).split(";")).filter(s -> !s.isBlank()).toList()))
        .all().collectList();
  }
}
