-- Issue 7: criterion (iii), the training institution's evaluation, and each enrollment's completion.

-- The institution's decision per enrollment: recorded for a whole cohort at once, with exceptions that carry a reason.
CREATE TABLE institution_evaluation (
  enrollment_id BIGINT       PRIMARY KEY REFERENCES enrollment (id),
  decision      VARCHAR(12)  NOT NULL CHECK (decision IN ('PASSED', 'NOT_PASSED')),
  reason        VARCHAR(500) NOT NULL DEFAULT '',
  decided_by    BIGINT       NOT NULL REFERENCES account (id),
  decided_at    TIMESTAMPTZ  NOT NULL,
  CHECK (decision = 'PASSED' OR length(trim(reason)) > 0)
);

-- The outcome of each enrollment as last settled (when the institution records its evaluation): certificates are
-- issued from COMPLETED main enrollments here.
CREATE TABLE enrollment_completion (
  enrollment_id BIGINT      PRIMARY KEY REFERENCES enrollment (id),
  outcome       VARCHAR(14) NOT NULL CHECK (outcome IN ('COMPLETED', 'NOT_COMPLETED')),
  missing       VARCHAR(200) NOT NULL DEFAULT '',
  final_grade   NUMERIC(3, 1),
  settled_at    TIMESTAMPTZ NOT NULL
);
