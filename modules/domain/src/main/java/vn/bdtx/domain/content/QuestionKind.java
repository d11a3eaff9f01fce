package vn.bdtx.domain.content;

/** The question types the quiz engine grades. */
public enum QuestionKind {
  /** One right choice (GIFT {=right ~wrong}, Moodle multichoice single). */
  SINGLE,
  /** Several right choices with weights that add up to 100% (GIFT {~%50%a ~%50%b ~%-100%c}). */
  MULTIPLE,
  /** Đúng / Sai (GIFT {T} or {F}, Moodle truefalse). */
  TRUE_FALSE
}
