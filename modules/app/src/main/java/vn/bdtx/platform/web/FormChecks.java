package vn.bdtx.platform.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Jakarta Validation of a form object, answered in the app's own terms. Each constraint names its message as a key of
 * the bundles in braces ({@code @Size(max = 200, message = "{catalog.lecture.problem.title}")}); the answer is that key, field by
 * field, and the page resolves it in the reader's language. (The validator's own interpolation would use the thread's
 * locale, which WebFlux never sets, so the text is not made here.) A constraint without a key of ours is a mistake in
 * the form and fails loudly: the user must never read the validator's English default.
 */
@Component
public class FormChecks {

  private final Validator validator;

  public FormChecks(Validator validator) {
    this.validator = validator;
  }

  /** Field → message key of the constraints the form breaks, in the order the form declares its fields; one per field. */
  public Map<String, String> problems(Object form) {
    List<String> order = declaredFields(form.getClass());
    var violations = new ArrayList<ConstraintViolation<Object>>(validator.validate(form));
    violations.sort(Comparator.<ConstraintViolation<Object>>comparingInt(v -> {
      int i = order.indexOf(field(v));
      return i < 0 ? Integer.MAX_VALUE : i;
    }).thenComparing(v -> v.getMessageTemplate()));
    var problems = new LinkedHashMap<String, String>();
    for (ConstraintViolation<Object> v : violations) {
      problems.putIfAbsent(field(v), key(v));
    }
    return problems;
  }

  private static String field(ConstraintViolation<?> v) {
    String path = v.getPropertyPath().toString();
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }

  static String key(ConstraintViolation<?> v) {
    String template = v.getMessageTemplate();
    if (template == null || !template.startsWith("{") || !template.endsWith("}") || template.startsWith("{jakarta.")
        || template.startsWith("{org.hibernate.")) {
      throw new IllegalStateException("A constraint on " + v.getRootBeanClass().getName() + "." + v.getPropertyPath()
          + " has no message key of the bundles: " + template);
    }
    return template.substring(1, template.length() - 1);
  }

  private static List<String> declaredFields(Class<?> type) {
    var names = new ArrayList<String>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      int at = 0;
      for (Field f : c.getDeclaredFields()) {
        names.add(at++, f.getName());
      }
    }
    return names;
  }
}
