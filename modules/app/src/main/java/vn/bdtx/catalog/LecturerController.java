package vn.bdtx.catalog;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.catalog.CourseContent;
import vn.bdtx.domain.catalog.CourseLevel;
import vn.bdtx.domain.catalog.FinalAssignment;
import vn.bdtx.domain.catalog.Gift;
import vn.bdtx.domain.catalog.Media;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionFile;
import vn.bdtx.domain.catalog.Rubric;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.spreadsheet.UploadedFiles;
import vn.bdtx.platform.storage.StorageUnavailable;
import vn.bdtx.platform.web.FormChecks;
import vn.bdtx.platform.web.NotFound;

/**
 * /lecturer/courses: báo cáo viên create a course for a module, write or upload
 * lectures, keep the question bank, write the final assignment, preview and
 * publish. Lecturers edit only their own courses; supervisors and IT admins see
 * every course, read-only. Every form carries the draft revision it was shown,
 * so a save over someone else's newer save is refused with the input kept.
 */
@Controller
class LecturerController {

  private final Courses courses;
  private final CourseMedia media;
  private final CoursePages pages;
  private final QuestionImports imports;
  private final FormChecks checks;

  LecturerController(Courses courses, CourseMedia media, CoursePages pages, QuestionImports imports, FormChecks checks) {
    this.checks = checks;
    this.courses = courses;
    this.media = media;
    this.pages = pages;
    this.imports = imports;
  }

  @GetMapping("/lecturer/courses")
  Mono<String> list(@AuthenticationPrincipal Caller caller, Model model) {
    model.addAttribute("form", new CourseForms.NewCourse());
    return listPage(caller, model);
  }

  private Mono<String> listPage(Caller caller, Model model) {
    return courses.visibleTo(caller).collectList().flatMap(pages::listed).zipWith(courses.moduleChoices()).map(t -> {
      model.addAttribute("courses", t.getT1());
      model.addAttribute("modules", t.getT2());
      model.addAttribute("levels", CourseLevel.values());
      model.addAttribute("canCreate", caller.hasRole(Role.LECTURER));
      return "catalog/courses";
    });
  }

  @PostMapping("/lecturer/courses")
  Mono<String> create(@AuthenticationPrincipal Caller caller, @ModelAttribute("form") CourseForms.NewCourse form, Model model,
                      ServerWebExchange exchange) {
    if (!caller.hasRole(Role.LECTURER)) {
      return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN));
    }
    return courses.moduleCodes().flatMap(codes -> {
      var problems = new ArrayList<Note>();
      if (!codes.contains(form.getModule())) {
        problems.add(Note.of("catalog.course.problem.module"));
      }
      Optional<CourseLevel> level = CourseLevel.parse(form.getLevel());
      if (level.isEmpty()) {
        problems.add(Note.of("catalog.course.problem.level"));
      }
      if (form.getSubject().isEmpty() || form.getSubject().length() > 100) {
        problems.add(Note.of("catalog.course.problem.subject"));
      }
      if (form.getTitle().length() < 5 || form.getTitle().length() > 300) {
        problems.add(Note.of("catalog.course.problem.title"));
      }
      if (!problems.isEmpty()) {
        exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
        model.addAttribute("problems", problems);
        return listPage(caller, model);
      }
      return courses.create(caller, form.getModule(), level.get(), form.getSubject(), form.getTitle())
          .map(id -> "redirect:/lecturer/courses/" + id);
    });
  }

  @GetMapping("/lecturer/courses/{id}")
  Mono<String> course(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return NotFound.orNotFound(courses.findVisible(id, caller))
        .flatMap(course -> pages.coursePage(course, caller, model, new CourseForms.LectureForm()));
  }

  @PostMapping("/lecturer/courses/{id}/lectures")
  Mono<String> addLecture(@AuthenticationPrincipal Caller caller, @PathVariable long id,
                          @ModelAttribute("lectureForm") CourseForms.LectureForm form, Model model, ServerWebExchange exchange) {
    return editable(id, caller).flatMap(course -> withUpload(course, form.getFile(), exchange, uploaded -> {
      var problems = new ArrayList<Note>();
      uploaded.problem().ifPresent(problems::add);
      lectureProblems(form, course.draft(), problems);
      var quiz = form.quiz(problems);
      if (!problems.isEmpty()) {
        return refuse(exchange, model, problems, HttpStatus.UNPROCESSABLE_ENTITY)
            .then(pages.coursePage(course, caller, model, form));
      }
      return courses.saveDraft(course, form.getRevision(), c -> {
            var added = c.addLecture(form.getTitle(), form.getBody(), uploaded.media().orElse(null), form.getQuizCategory());
            return added.updateLecture(added.lectures().get(added.lectures().size() - 1).id(), l -> l.withQuiz(quiz.get()));
          })
          .flatMap(saved -> DraftSaves.answer(saved, "redirect:/lecturer/courses/" + id + "?saved", exchange, model,
              () -> courses.find(id).flatMap(fresh -> pages.coursePage(fresh, caller, model, form))));
    }));
  }

  @GetMapping("/lecturer/courses/{id}/lectures/{lectureId}")
  Mono<String> lecture(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String lectureId, Model model) {
    return NotFound.orNotFound(courses.findVisible(id, caller)).flatMap(course -> {
      var lecture = NotFound.orNotFound(Mono.justOrEmpty(course.draft().lecture(lectureId)));
      return lecture.map(l -> {
        var form = new CourseForms.LectureForm();
        form.setTitle(l.title());
        form.setBody(l.body());
        form.setQuizCategory(l.quizCategory());
        form.setQuiz(l.quiz());
        form.setRevision(course.revision());
        return pages.lectureEdit(course, l, form, caller, model);
      });
    });
  }

  @PostMapping("/lecturer/courses/{id}/lectures/{lectureId}")
  Mono<String> saveLecture(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String lectureId,
                           @ModelAttribute("lectureForm") CourseForms.LectureForm form, Model model, ServerWebExchange exchange) {
    return editable(id, caller).flatMap(course -> NotFound.orNotFound(Mono.justOrEmpty(course.draft().lecture(lectureId)))
        .flatMap(lecture -> withUpload(course, form.getFile(), exchange, uploaded -> {
          var problems = new ArrayList<Note>();
          uploaded.problem().ifPresent(problems::add);
          lectureProblems(form, course.draft(), problems);
          var quiz = form.quiz(problems);
          if (!problems.isEmpty()) {
            return refuse(exchange, model, problems, HttpStatus.UNPROCESSABLE_ENTITY)
                .thenReturn(pages.lectureEdit(course, lecture, form, caller, model));
          }
          Media m = uploaded.media().orElse(form.isRemoveMedia() ? null : lecture.media());
          return courses.saveDraft(course, form.getRevision(), c -> c.updateLecture(lectureId,
                  l -> new vn.bdtx.domain.catalog.Lecture(l.id(), form.getTitle(), form.getBody(), m, form.getQuizCategory(),
                      quiz.get())))
              .flatMap(saved -> DraftSaves.answer(saved, "redirect:/lecturer/courses/" + id + "?saved", exchange, model,
                  () -> Mono.just(pages.lectureEdit(course, lecture, form, caller, model))));
        })));
  }

  @PostMapping("/lecturer/courses/{id}/lectures/{lectureId}/move")
  Mono<String> move(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String lectureId,
                    @ModelAttribute CourseForms.RevisionForm form, Model model, ServerWebExchange exchange) {
    int by = "up".equals(form.getDir()) ? -1 : "down".equals(form.getDir()) ? 1 : 0;
    return editable(id, caller).flatMap(course -> by == 0 ? Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST))
        : simpleChange(caller, id, lectureId, form, model, exchange, c -> c.moveLecture(lectureId, by)));
  }

  @PostMapping("/lecturer/courses/{id}/lectures/{lectureId}/delete")
  Mono<String> deleteLecture(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String lectureId,
                             @ModelAttribute CourseForms.RevisionForm form, Model model, ServerWebExchange exchange) {
    return simpleChange(caller, id, lectureId, form, model, exchange, c -> c.removeLecture(lectureId));
  }

  private Mono<String> simpleChange(Caller caller, long id, String lectureId, CourseForms.RevisionForm form, Model model,
                                    ServerWebExchange exchange, UnaryOperator<CourseContent> change) {
    return editable(id, caller).flatMap(course -> NotFound.orNotFound(Mono.justOrEmpty(course.draft().lecture(lectureId)))
        .flatMap(l -> courses.saveDraft(course, form.getRevision(), change))
        .flatMap(saved -> DraftSaves.answer(saved, "redirect:/lecturer/courses/" + id + "?saved", exchange, model,
            () -> pages.coursePage(course, caller, model, new CourseForms.LectureForm()))));
  }

  @GetMapping("/lecturer/courses/{id}/questions")
  Mono<String> questions(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return NotFound.orNotFound(courses.findVisible(id, caller))
        .map(course -> pages.questionsPage(course, caller, model, new CourseForms.ImportForm()));
  }

  @PostMapping("/lecturer/courses/{id}/questions/import")
  Mono<String> importQuestions(@AuthenticationPrincipal Caller caller, @PathVariable long id,
                               @ModelAttribute("importForm") CourseForms.ImportForm form, Model model, ServerWebExchange exchange) {
    return editable(id, caller).flatMap(course -> {
      if (form.getCategory().isEmpty() || form.getCategory().length() > 100) {
        return refuse(exchange, model, List.of(Note.of("catalog.questions.problem.category")), HttpStatus.UNPROCESSABLE_ENTITY)
            .thenReturn(pages.questionsPage(course, caller, model, form));
      }
      boolean confirming = !form.getPending().isEmpty();
      if (confirming && !form.getDuplicates().matches("SKIP|REPLACE")) {
        return refuse(exchange, model, List.of(Note.of("catalog.questions.problem.choose")), HttpStatus.UNPROCESSABLE_ENTITY)
            .thenReturn(pages.questionsPage(course, caller, model, form));
      }
      if (!confirming && !CourseForms.present(form.getFile())) {
        return refuse(exchange, model, List.of(Note.of("catalog.questions.problem.noFile")), HttpStatus.UNPROCESSABLE_ENTITY)
            .thenReturn(pages.questionsPage(course, caller, model, form));
      }
      Mono<Optional<String>> read = confirming
          ? imports.kept(caller.accountId(), id, form.getPending()).map(t -> t.or(() -> Optional.of("\u0001")))
          : UploadedFiles.withTempFile(form.getFile(), (tmp, name) -> Mono.fromCallable(() -> {
                model.addAttribute("fileName", name);
                if (Files.size(tmp) > 5L * 1024 * 1024) {
                  return Optional.<String>empty();
                }
                return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(tmp))).toString());
              }).subscribeOn(Schedulers.boundedElastic())
              .onErrorResume(CharacterCodingException.class, e -> Mono.just(Optional.of("\u0000"))));
      return read.flatMap(text -> {
            String name = String.valueOf(model.getAttribute("fileName") == null ? "" : model.getAttribute("fileName"));
            if (text.isEmpty()) {
              return refuse(exchange, model, List.of(Note.of("catalog.questions.problem.tooLarge", "5 MB")), HttpStatus.UNPROCESSABLE_ENTITY)
                  .thenReturn(pages.questionsPage(course, caller, model, form));
            }
            if (text.get().equals("\u0000")) {
              return refuse(exchange, model, List.of(Note.of("catalog.questions.problem.notUtf8")), HttpStatus.UNPROCESSABLE_ENTITY)
                  .thenReturn(pages.questionsPage(course, caller, model, form));
            }
            if (text.get().equals("\u0001")) {
              form.setPending("");
              return refuse(exchange, model, List.of(Note.of("catalog.questions.problem.pendingGone")), HttpStatus.UNPROCESSABLE_ENTITY)
                  .thenReturn(pages.questionsPage(course, caller, model, form));
            }
            Question.Use use = form.getCategory().equals(course.draft().surveyCategory()) ? Question.Use.SURVEY : Question.Use.QUIZ;
            QuestionFile parsed = QuestionFile.parse(text.get(), form.getCategory(), use);
            model.addAttribute("skipped", parsed.skipped());
            if (!parsed.problems().isEmpty()) {
              model.addAttribute("importProblems", parsed.problems());
              return refuse(exchange, model, List.of(Note.of("catalog.questions.problem.file", name, parsed.problems().size())),
                  HttpStatus.UNPROCESSABLE_ENTITY).thenReturn(pages.questionsPage(course, caller, model, form));
            }
            if (parsed.questions().isEmpty()) {
              return refuse(exchange, model, List.of(Note.of("catalog.questions.problem.nothingToImport", parsed.skipped().size())),
                  HttpStatus.UNPROCESSABLE_ENTITY).thenReturn(pages.questionsPage(course, caller, model, form));
            }
            var duplicates = course.draft().duplicates(parsed.questions());
            if (!duplicates.isEmpty() && !confirming) {
              // Never doubled silently: the file waits while the lecturer chooses to skip or replace these.
              return imports.keep(caller.accountId(), id, text.get()).map(token -> {
                form.setPending(token);
                model.addAttribute("duplicates", List.copyOf(duplicates.values()));
                model.addAttribute("importable", parsed.questions().size());
                return pages.questionsPage(course, caller, model, form);
              });
            }
            boolean replace = form.getDuplicates().equals("REPLACE");
            List<Question> added = parsed.questions().stream().filter(q -> !duplicates.containsKey(q)).toList();
            return imports.storeImages(id, parsed.questions(), parsed.images()).flatMap(stored -> {
              var byOriginal = new java.util.IdentityHashMap<Question, Question>();
              for (int i = 0; i < parsed.questions().size(); i++) {
                byOriginal.put(parsed.questions().get(i), stored.questions().get(i));
              }
              List<Question> toAdd = added.stream().map(byOriginal::get).toList();
              java.util.Map<String, Question> replaced = new java.util.HashMap<>();
              if (replace) {
                duplicates.forEach((imported, inBank) -> replaced.put(inBank.id(), byOriginal.get(imported)));
              }
              return courses.saveDraft(course, form.getRevision(), c -> c.importQuestions(toAdd, replaced, stored.images()))
                  .flatMap(saved -> DraftSaves.answer(saved, () -> {
                    Mono<Void> forget = imports.forget(caller.accountId(), id, form.getPending());
                    String done = "imported=" + toAdd.size() + (replaced.isEmpty() ? "" : "&replaced=" + replaced.size())
                        + (duplicates.isEmpty() || replace ? "" : "&kept=" + duplicates.size());
                    if (parsed.skipped().isEmpty() && stored.refused().isEmpty()) {
                      return forget.thenReturn("redirect:/lecturer/courses/" + id + "/questions?" + done);
                    }
                    // What was left out is listed on the page itself, with what was imported.
                    return forget.then(courses.findVisible(id, caller)).map(now -> {
                      model.addAttribute("importedCount", toAdd.size());
                      model.addAttribute("replacedCount", replaced.size());
                      model.addAttribute("keptCount", duplicates.isEmpty() || replace ? 0 : duplicates.size());
                      model.addAttribute("refusedImages", stored.refused());
                      return pages.questionsPage(now, caller, model, new CourseForms.ImportForm());
                    });
                  }, exchange, model, () -> Mono.just(pages.questionsPage(course, caller, model, form))));
            });
          });
    });
  }

  /** The bank, or one category of it, as GIFT that Moodle imports. */
  @GetMapping("/lecturer/courses/{id}/questions/export.gift")
  Mono<ResponseEntity<String>> exportGift(@AuthenticationPrincipal Caller caller, @PathVariable long id,
                                          @RequestParam(name = "category", required = false) String category) {
    return NotFound.orNotFound(courses.findVisible(id, caller))
        .map(course -> download(QuestionImports.gift(course.draft(), category), "text/plain", fileName(course, category, "gift")));
  }

  /** The bank, or one category of it, as Moodle XML with its images embedded. */
  @GetMapping("/lecturer/courses/{id}/questions/export.xml")
  Mono<ResponseEntity<String>> exportXml(@AuthenticationPrincipal Caller caller, @PathVariable long id,
                                         @RequestParam(name = "category", required = false) String category) {
    return NotFound.orNotFound(courses.findVisible(id, caller))
        .flatMap(course -> imports.moodleXml(id, course.draft(), category)
            .map(xml -> download(xml, "application/xml", fileName(course, category, "xml"))));
  }

  private static ResponseEntity<String> download(String body, String type, String name) {
    return ResponseEntity.ok()
        .contentType(org.springframework.http.MediaType.parseMediaType(type + ";charset=UTF-8"))
        .header("Content-Disposition", org.springframework.http.ContentDisposition.attachment()
            .filename(name, StandardCharsets.UTF_8).build().toString())
        .body(body);
  }

  private static String fileName(Course course, String category, String extension) {
    String base = "ngan-hang-cau-hoi-" + course.id() + (category == null || category.isBlank() ? "" : "-" + category);
    return base.replaceAll("[\\\\/:*?\"<>|]", "-") + "." + extension;
  }

  @GetMapping("/lecturer/courses/{id}/questions/{questionId}")
  Mono<String> question(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String questionId, Model model) {
    return NotFound.orNotFound(courses.findVisible(id, caller)).flatMap(course ->
        NotFound.orNotFound(Mono.justOrEmpty(course.draft().question(questionId))).map(q -> {
          var form = new CourseForms.QuestionForm();
          form.setCategory(q.category());
          form.setGift(Gift.write(q));
          form.setRevision(course.revision());
          return pages.questionEdit(course, q, form, caller, model);
        }));
  }

  @PostMapping("/lecturer/courses/{id}/questions/{questionId}")
  Mono<String> saveQuestion(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String questionId,
                            @ModelAttribute("questionForm") CourseForms.QuestionForm form, Model model, ServerWebExchange exchange) {
    return editable(id, caller).flatMap(course -> NotFound.orNotFound(Mono.justOrEmpty(course.draft().question(questionId)))
        .flatMap(q -> {
          if (form.getCategory().isEmpty() || form.getCategory().length() > 100) {
            return refuse(exchange, model, List.of(Note.of("catalog.questions.problem.category")), HttpStatus.UNPROCESSABLE_ENTITY)
                .thenReturn(pages.questionEdit(course, q, form, caller, model));
          }
          Question.Use use = form.getCategory().equals(course.draft().surveyCategory()) ? Question.Use.SURVEY : Question.Use.QUIZ;
          QuestionFile parsed = Gift.parse(form.getGift(), form.getCategory(), use);
          if (!parsed.ok() || parsed.questions().size() != 1) {
            model.addAttribute("importProblems", parsed.problems());
            return refuse(exchange, model, List.of(Note.of(parsed.ok() ? "catalog.questions.problem.one" : "catalog.questions.problem.gift")),
                HttpStatus.UNPROCESSABLE_ENTITY).thenReturn(pages.questionEdit(course, q, form, caller, model));
          }
          Question edited = parsed.questions().get(0).inCategory(form.getCategory());
          return courses.saveDraft(course, form.getRevision(), c -> c.replaceQuestion(questionId, edited))
              .flatMap(saved -> DraftSaves.answer(saved, "redirect:/lecturer/courses/" + id + "/questions?saved", exchange,
                  model, () -> Mono.just(pages.questionEdit(course, q, form, caller, model))));
        }));
  }

  @PostMapping("/lecturer/courses/{id}/questions/{questionId}/delete")
  Mono<String> deleteQuestion(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String questionId,
                              @ModelAttribute CourseForms.RevisionForm form, Model model, ServerWebExchange exchange) {
    return editable(id, caller).flatMap(course -> NotFound.orNotFound(Mono.justOrEmpty(course.draft().question(questionId)))
        .flatMap(q -> courses.saveDraft(course, form.getRevision(), c -> c.removeQuestion(questionId)))
        .flatMap(saved -> DraftSaves.answer(saved, "redirect:/lecturer/courses/" + id + "/questions?saved", exchange, model,
            () -> Mono.just(pages.questionsPage(course, caller, model, new CourseForms.ImportForm())))));
  }

  @GetMapping("/lecturer/courses/{id}/assignment")
  Mono<String> assignment(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return NotFound.orNotFound(courses.findVisible(id, caller)).map(course -> {
      var form = new CourseForms.AssignmentForm();
      form.setBrief(course.draft().assignment().brief());
      form.setRubric(course.draft().assignment().rubric().write());
      form.setRevision(course.revision());
      return pages.assignmentEdit(course, form, caller, model);
    });
  }

  @PostMapping("/lecturer/courses/{id}/assignment")
  Mono<String> saveAssignment(@AuthenticationPrincipal Caller caller, @PathVariable long id,
                              @ModelAttribute("assignmentForm") CourseForms.AssignmentForm form, Model model,
                              ServerWebExchange exchange) {
    return editable(id, caller).flatMap(course -> withUpload(course, form.getSample(), exchange, uploaded -> {
      var problems = new ArrayList<Note>();
      uploaded.problem().ifPresent(problems::add);
      if (form.getBrief().isBlank()) {
        problems.add(Note.of("catalog.assignment.problem.brief"));
      }
      Rubric.Parsed rubric = Rubric.parse(form.getRubric());
      if (!rubric.ok()) {
        model.addAttribute("rubricProblems", rubric.problems());
        problems.add(Note.of("catalog.assignment.problem.rubric"));
      }
      if (!problems.isEmpty()) {
        return refuse(exchange, model, problems, HttpStatus.UNPROCESSABLE_ENTITY)
            .thenReturn(pages.assignmentEdit(course, form, caller, model));
      }
      Media sample = uploaded.media().orElse(form.isRemoveSample() ? null : course.draft().assignment().sample());
      return courses.saveDraft(course, form.getRevision(),
              c -> c.withAssignment(new FinalAssignment(form.getBrief().strip(), rubric.rubric(), sample)))
          .flatMap(saved -> DraftSaves.answer(saved, "redirect:/lecturer/courses/" + id + "?saved", exchange, model,
              () -> Mono.just(pages.assignmentEdit(course, form, caller, model))));
    }));
  }

  @PostMapping("/lecturer/courses/{id}/publish")
  Mono<String> publish(@AuthenticationPrincipal Caller caller, @PathVariable long id,
                       @ModelAttribute CourseForms.RevisionForm form, Model model, ServerWebExchange exchange) {
    return editable(id, caller).flatMap(course -> {
      if (!course.draft().publishBlockers().isEmpty()) {
        return refuse(exchange, model, List.of(Note.of("catalog.course.problem.blocked")), HttpStatus.UNPROCESSABLE_ENTITY)
            .then(pages.coursePage(course, caller, model, new CourseForms.LectureForm()));
      }
      if (form.getRevision() != course.revision()) {
        return DraftSaves.conflict(exchange, model, () -> pages.coursePage(course, caller, model, new CourseForms.LectureForm()));
      }
      return courses.publish(course, caller).map(n -> "redirect:/lecturer/courses/" + id + "?published=" + n);
    });
  }

  /** The draft's media, for the owner's preview and for supervisors: a redirect to a short-lived URL of the store. */
  @GetMapping("/lecturer/courses/{id}/media/{sha}")
  Mono<ResponseEntity<Void>> media(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String sha) {
    return NotFound.orNotFound(courses.findVisible(id, caller))
        .flatMap(course -> NotFound.orNotFound(Mono.justOrEmpty(course.draft().media().stream()
            .filter(m -> m.sha256().equals(sha)).findFirst())))
        .flatMap(m -> media.url(id, m))
        .map(CoursePages::redirectToStore);
  }

  @GetMapping("/lecturer/courses/{id}/preview")
  Mono<String> preview(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return NotFound.orNotFound(courses.findVisible(id, caller))
        .map(course -> pages.outline(course.title(), course.draft(), "/lecturer/courses/" + id + "/preview",
            "/lecturer/courses/" + id + "/media/", model, true));
  }

  @GetMapping("/lecturer/courses/{id}/preview/lectures/{lectureId}")
  Mono<String> previewLecture(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String lectureId,
                              Model model) {
    return NotFound.orNotFound(courses.findVisible(id, caller)).flatMap(course ->
        NotFound.orNotFound(Mono.justOrEmpty(course.draft().lecture(lectureId))).map(l ->
            pages.lecture(course.title(), course.draft(), l, "/lecturer/courses/" + id + "/preview",
                "/lecturer/courses/" + id + "/media/", model, true)));
  }

  @GetMapping("/lecturer/courses/{id}/preview/assignment")
  Mono<String> previewAssignment(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return NotFound.orNotFound(courses.findVisible(id, caller)).map(course ->
        pages.assignment(course.title(), course.draft(), "/lecturer/courses/" + id + "/preview",
            "/lecturer/courses/" + id + "/media/", model, true));
  }

  /** The course if the caller may edit it: 404 if they may not even see it, 403 if they may only look. */
  private Mono<Course> editable(long id, Caller caller) {
    return NotFound.orNotFound(courses.findVisible(id, caller)).flatMap(course -> course.editableBy(caller)
        ? Mono.just(course) : Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN)));
  }

  private static Mono<Void> refuse(ServerWebExchange exchange, Model model, List<Note> problems, HttpStatus status) {
    exchange.getResponse().setStatusCode(status);
    model.addAttribute("problems", problems);
    return Mono.empty();
  }

  private void lectureProblems(CourseForms.LectureForm form, CourseContent draft, List<Note> problems) {
    checks.problems(form).values().forEach(key -> problems.add(Note.of(key)));
    if (!form.getQuizCategory().isEmpty() && !draft.categories().contains(form.getQuizCategory())) {
      problems.add(Note.of("catalog.lecture.problem.category", form.getQuizCategory()));
    }
  }

  /** An upload checked and stored, or the reason it was not; no file chosen is neither. */
  record Upload(Optional<Media> media, Optional<Note> problem) {
  }

  /**
   * Stores the chosen file, then calls {@code then}. When the store does not answer or the disk is full, nothing is
   * stored and {@code then} gets that as the problem, so the form comes back with everything typed in it, saying the
   * file cannot be saved right now (503).
   */
  private <T> Mono<T> withUpload(Course course, org.springframework.http.codec.multipart.FilePart part,
                                 ServerWebExchange exchange, java.util.function.Function<Upload, Mono<T>> then) {
    if (!CourseForms.present(part)) {
      return then.apply(new Upload(Optional.empty(), Optional.empty()));
    }
    return UploadedFiles.withTempFile(part, (tmp, name) -> media.store(course.id(), tmp, name))
        .map(stored -> {
          if (stored instanceof CourseMedia.Stored.Ok ok) {
            return new Upload(Optional.of(ok.media()), Optional.empty());
          }
          var r = (CourseMedia.Stored.Refused) stored;
          String file = part.filename();
          Note note = switch (r.reason()) {
            case EMPTY -> Note.of("catalog.media.problem.EMPTY", file);
            case UNSUPPORTED_TYPE -> Note.of("catalog.media.problem.UNSUPPORTED_TYPE", file,
                new org.springframework.context.support.DefaultMessageSourceResolvable(
                    "platform.filekind." + vn.bdtx.platform.storage.FileTypes.kind(r.detail())));
            case TOO_LARGE -> Note.of("catalog.media.problem.TOO_LARGE", file, r.detail());
          };
          return new Upload(Optional.empty(), Optional.of(note));
        })
        .onErrorResume(e -> StorageUnavailable.of(e).isPresent(),
            e -> Mono.just(new Upload(Optional.empty(), Optional.of(Note.of(UNAVAILABLE)))))
        .flatMap(upload -> then.apply(upload).doOnSuccess(done -> {
          if (upload.problem().filter(n -> UNAVAILABLE.equals(n.key())).isPresent()) {
            exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
          }
        }));
  }

  private static final String UNAVAILABLE = "platform.error.503.storage.save";
}
