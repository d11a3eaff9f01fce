package vn.bdtx.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.catalog.Question;
import vn.bdtx.domain.catalog.QuestionForm;
import vn.bdtx.domain.catalog.QuestionKind;
import vn.bdtx.platform.security.Caller;
import vn.bdtx.platform.web.NotFound;

/**
 * The question form: a lecturer writes or edits a question of their course's bank
 * without GIFT (text, kind, choices as rows with right and weight, feedback).
 * {@link QuestionForm#toQuestion} judges what was typed; a refused form comes back
 * with every value kept and each message beside its field. Saving goes through the
 * draft's revision check like the GIFT box. Only the course's lecturer reaches it
 * (others who may see the course 403, the rest 404).
 */
@Controller
class QuestionFormController {

  /** Empty rows a new question starts with; "add a choice" adds one more. */
  static final int NEW_ROWS = 4;

  private final Courses courses;

  QuestionFormController(Courses courses) {
    this.courses = courses;
  }

  @GetMapping("/lecturer/courses/{id}/questions/new")
  Mono<String> newQuestion(@AuthenticationPrincipal Caller caller, @PathVariable long id, Model model) {
    return editable(id, caller).map(course -> {
      var draft = course.draft();
      String category = draft.categories().isEmpty() ? "Câu hỏi bài 1" : draft.categories().get(0);
      var form = EditorForm.of(new QuestionForm(category, "", "", QuestionKind.SINGLE, List.of(), "", false, false,
          true, "", "").withEmptyRows(NEW_ROWS));
      form.setRevision(course.revision());
      return page(course, null, form, Map.of(), model);
    });
  }

  @PostMapping("/lecturer/courses/{id}/questions/new")
  Mono<String> create(@AuthenticationPrincipal Caller caller, @PathVariable long id,
                      @ModelAttribute("questionForm") EditorForm form, Model model, ServerWebExchange exchange) {
    return editable(id, caller).flatMap(course -> submit(course, null, form, model, exchange));
  }

  @GetMapping("/lecturer/courses/{id}/questions/{questionId}/form")
  Mono<String> edit(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String questionId,
                    Model model) {
    return editable(id, caller).flatMap(course -> NotFound.orNotFound(Mono.justOrEmpty(course.draft().question(questionId)))
        .map(q -> {
          if (!QuestionForm.KINDS.contains(q.kind())) {
            // Numerical and matching questions are edited in the GIFT box.
            return "redirect:/lecturer/courses/" + id + "/questions/" + questionId;
          }
          var form = EditorForm.of(QuestionForm.of(q).withEmptyRows(q.kind() == QuestionKind.TRUE_FALSE
              || q.kind() == QuestionKind.DESCRIPTION ? 0 : 1));
          form.setRevision(course.revision());
          return page(course, q, form, Map.of(), model);
        }));
  }

  @PostMapping("/lecturer/courses/{id}/questions/{questionId}/form")
  Mono<String> save(@AuthenticationPrincipal Caller caller, @PathVariable long id, @PathVariable String questionId,
                    @ModelAttribute("questionForm") EditorForm form, Model model, ServerWebExchange exchange) {
    return editable(id, caller).flatMap(course -> NotFound.orNotFound(Mono.justOrEmpty(course.draft().question(questionId)))
        .flatMap(q -> submit(course, q, form, model, exchange)));
  }

  private Mono<String> submit(Course course, Question existing, EditorForm form, Model model, ServerWebExchange exchange) {
    QuestionForm typed = form.toDomain();
    if (form.getAddRow() != null) {
      var more = EditorForm.of(typed.withEmptyRows(1));
      more.setRevision(form.getRevision());
      more.setFocusRow(typed.rows().size());
      return Mono.just(page(course, existing, more, Map.of(), model));
    }
    Question.Use use = typed.category().equals(course.draft().surveyCategory()) ? Question.Use.SURVEY : Question.Use.QUIZ;
    var result = typed.toQuestion(existing == null ? "" : existing.id(), use);
    if (!result.ok()) {
      Map<String, List<Note>> byField = new LinkedHashMap<>();
      var all = new ArrayList<Note>();
      for (QuestionForm.Problem p : result.problems()) {
        Note note = Note.of("catalog.questionForm.problem." + p.kind(), p.row(), p.detail());
        byField.computeIfAbsent(p.field(), f -> new ArrayList<>()).add(note);
        all.add(note);
      }
      exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_ENTITY);
      model.addAttribute("problems", all);
      return Mono.just(page(course, existing, form, byField, model));
    }
    // The form does not show the question's mark (Moodle's defaultgrade): an edited question keeps its own.
    Question q = existing == null ? result.question().orElseThrow() : result.question().orElseThrow().withMark(existing.mark());
    long id = course.id();
    return courses.saveDraft(course, form.getRevision(),
            c -> existing == null ? c.addQuestions(List.of(q)) : c.replaceQuestion(existing.id(), q))
        .flatMap(saved -> DraftSaves.answer(saved, "redirect:/lecturer/courses/" + id + "/questions?saved", exchange, model,
            () -> {
              // What was typed stays; sending it again after a look saves over the newer draft.
              form.setRevision(course.revision());
              return Mono.just(page(course, existing, form, Map.of(), model));
            }));
  }

  private String page(Course course, Question existing, EditorForm form, Map<String, List<Note>> fieldProblems, Model model) {
    model.addAttribute("course", course);
    model.addAttribute("draft", course.draft());
    model.addAttribute("editable", true);
    model.addAttribute("question", existing);
    model.addAttribute("questionForm", form);
    model.addAttribute("kinds", QuestionForm.KINDS);
    model.addAttribute("fieldProblems", fieldProblems);
    return "catalog/question-form";
  }

  /** The course if the caller may edit it: 404 if they may not even see it, 403 if they may only look. */
  private Mono<Course> editable(long id, Caller caller) {
    return NotFound.orNotFound(courses.findVisible(id, caller)).flatMap(course -> course.editableBy(caller)
        ? Mono.just(course) : Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN)));
  }

  /** The form's fields as posted; text kept as typed so a refused form comes back filled. */
  public static class EditorForm {
    private String category = "";
    private String name = "";
    private String text = "";
    private String kind = "SINGLE";
    private List<RowForm> rows = new ArrayList<>();
    private String generalFeedback = "";
    private boolean html;
    private boolean caseSensitive;
    private String truth = "TRUE";
    private String trueFeedback = "";
    private String falseFeedback = "";
    private int revision = -1;
    private String addRow;
    private int focusRow = -1;

    static EditorForm of(QuestionForm f) {
      var form = new EditorForm();
      form.category = f.category();
      form.name = f.name();
      form.text = f.text();
      form.kind = f.kind() == null ? "" : f.kind().name();
      form.rows = new ArrayList<>(f.rows().stream().map(RowForm::of).toList());
      form.generalFeedback = f.generalFeedback();
      form.html = f.html();
      form.caseSensitive = f.caseSensitive();
      form.truth = f.truth() ? "TRUE" : "FALSE";
      form.trueFeedback = f.trueFeedback();
      form.falseFeedback = f.falseFeedback();
      return form;
    }

    QuestionForm toDomain() {
      QuestionKind k = null;
      for (QuestionKind candidate : QuestionKind.values()) {
        if (candidate.name().equals(kind)) {
          k = candidate;
        }
      }
      // A row may be missing from the posted list (indices are the browser's); it is no row.
      var list = rows.stream().map(r -> r == null ? new QuestionForm.Row("", false, "", "") : r.toDomain()).toList();
      return new QuestionForm(category, name, text, k, list, generalFeedback, html, caseSensitive,
          !"FALSE".equals(truth), trueFeedback, falseFeedback);
    }

    public String getCategory() { return category; }
    public void setCategory(String v) { category = CourseForms.clean(v); }
    public String getName() { return name; }
    public void setName(String v) { name = v == null ? "" : v; }
    public String getText() { return text; }
    public void setText(String v) { text = v == null ? "" : v; }
    public String getKind() { return kind; }
    public void setKind(String v) { kind = CourseForms.clean(v); }
    public List<RowForm> getRows() { return rows; }
    public void setRows(List<RowForm> v) { rows = v == null ? new ArrayList<>() : v; }
    public String getGeneralFeedback() { return generalFeedback; }
    public void setGeneralFeedback(String v) { generalFeedback = v == null ? "" : v; }
    public boolean isHtml() { return html; }
    public void setHtml(boolean v) { html = v; }
    public boolean isCaseSensitive() { return caseSensitive; }
    public void setCaseSensitive(boolean v) { caseSensitive = v; }
    public String getTruth() { return truth; }
    public void setTruth(String v) { truth = CourseForms.clean(v); }
    public String getTrueFeedback() { return trueFeedback; }
    public void setTrueFeedback(String v) { trueFeedback = v == null ? "" : v; }
    public String getFalseFeedback() { return falseFeedback; }
    public void setFalseFeedback(String v) { falseFeedback = v == null ? "" : v; }
    public int getRevision() { return revision; }
    public void setRevision(int v) { revision = v; }
    public String getAddRow() { return addRow; }
    public void setAddRow(String v) { addRow = v; }
    public int getFocusRow() { return focusRow; }
    public void setFocusRow(int v) { focusRow = v; }
  }

  /** One choice row as posted. */
  public static class RowForm {
    private String text = "";
    private boolean right;
    private String weight = "";
    private String feedback = "";

    static RowForm of(QuestionForm.Row r) {
      var row = new RowForm();
      row.text = r.text();
      row.right = r.right();
      row.weight = r.weight();
      row.feedback = r.feedback();
      return row;
    }

    QuestionForm.Row toDomain() {
      return new QuestionForm.Row(text, right, weight, feedback);
    }

    public String getText() { return text; }
    public void setText(String v) { text = v == null ? "" : v; }
    public boolean isRight() { return right; }
    public void setRight(boolean v) { right = v; }
    public String getWeight() { return weight; }
    public void setWeight(String v) { weight = v == null ? "" : v; }
    public String getFeedback() { return feedback; }
    public void setFeedback(String v) { feedback = v == null ? "" : v; }
  }
}
