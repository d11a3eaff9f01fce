package vn.bdtx.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jakarta Validation answered as keys of the bundles, in the form's field order; never the validator's own text. */
class FormChecksTest {

  static final FormChecks CHECKS = new FormChecks(Validation.buildDefaultValidatorFactory().getValidator());

  static class Form {
    @Size(min = 1, max = 5, message = "{test.problem.zeta}")
    String zeta = "";
    @NotBlank(message = "{test.problem.alpha}")
    @Size(max = 3, message = "{test.problem.alpha}")
    String alpha = " ";
  }

  static class Untranslated {
    @Size(max = 1)
    String name = "ab";
  }

  @Test
  void brokenConstraintsAreTheirBundleKeysFieldByFieldInTheFormsOrder() {
    assertThat(CHECKS.problems(new Form())).containsExactly(
        Map.entry("zeta", "test.problem.zeta"), Map.entry("alpha", "test.problem.alpha"));
    var fine = new Form();
    fine.zeta = "abc";
    fine.alpha = "x";
    assertThat(CHECKS.problems(fine)).isEmpty();
  }

  @Test
  void aConstraintWithoutAKeyOfOursFailsInsteadOfShowingTheValidatorsEnglish() {
    assertThatThrownBy(() -> CHECKS.problems(new Untranslated()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Untranslated.name");
  }
}
