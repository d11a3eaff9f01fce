-- Issue 7: final-assignment submissions and their grading.
--
-- A submission is one version: the files a learner handed in together. Every
-- version is kept (rows are never changed or deleted). The upload form carries a
-- one-time key, so a retried upload finds the version it already made instead of
-- adding another.
CREATE TABLE submission (
  id            BIGSERIAL   PRIMARY KEY,
  enrollment_id BIGINT      NOT NULL REFERENCES enrollment (id),
  version       INT         NOT NULL CHECK (version > 0),
  upload_key    UUID        NOT NULL,
  submitted_at  TIMESTAMPTZ NOT NULL,
  UNIQUE (enrollment_id, version),
  UNIQUE (enrollment_id, upload_key)
);

-- The files of a version; the object is content-addressed (enrollment and SHA-256), so storing it twice is harmless.
CREATE TABLE submission_file (
  submission_id BIGINT       NOT NULL REFERENCES submission (id),
  position      SMALLINT     NOT NULL CHECK (position > 0),
  name          VARCHAR(200) NOT NULL,
  content_type  VARCHAR(100) NOT NULL,
  size          BIGINT       NOT NULL CHECK (size > 0),
  sha256        CHAR(64)     NOT NULL,
  object_key    VARCHAR(300) NOT NULL,
  PRIMARY KEY (submission_id, position)
);

CREATE FUNCTION submission_is_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'submissions are kept as handed in: % on % refused', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER submission_kept BEFORE UPDATE OR DELETE ON submission
  FOR EACH ROW EXECUTE FUNCTION submission_is_kept();
CREATE TRIGGER submission_file_kept BEFORE UPDATE OR DELETE ON submission_file
  FOR EACH ROW EXECUTE FUNCTION submission_is_kept();

-- The core teacher's current decision on an enrollment's final assignment: graded (a score) or returned for revision.
CREATE TABLE assignment_grade (
  enrollment_id BIGINT        PRIMARY KEY REFERENCES enrollment (id),
  submission_id BIGINT        NOT NULL REFERENCES submission (id),
  state         VARCHAR(10)   NOT NULL CHECK (state IN ('GRADED', 'RETURNED')),
  score         NUMERIC(3, 1) CHECK (score BETWEEN 0 AND 10),
  marks         NUMERIC(3, 1)[],
  comment       VARCHAR(4000) NOT NULL DEFAULT '',
  feedback_name VARCHAR(200),
  feedback_key  VARCHAR(300),
  feedback_type VARCHAR(100),
  graded_by     BIGINT        NOT NULL REFERENCES account (id),
  graded_at     TIMESTAMPTZ   NOT NULL,
  CHECK ((state = 'GRADED') = (score IS NOT NULL))
);

-- Every change of a grade: who, when, the old and new score and state, and why. Append-only.
CREATE TABLE grade_change (
  id            BIGSERIAL     PRIMARY KEY,
  enrollment_id BIGINT        NOT NULL REFERENCES enrollment (id),
  submission_id BIGINT        NOT NULL REFERENCES submission (id),
  old_state     VARCHAR(10),
  old_score     NUMERIC(3, 1),
  new_state     VARCHAR(10)   NOT NULL,
  new_score     NUMERIC(3, 1),
  changed_by    BIGINT        NOT NULL REFERENCES account (id),
  changed_at    TIMESTAMPTZ   NOT NULL,
  reason        VARCHAR(1000) NOT NULL DEFAULT ''
);
CREATE INDEX grade_change_enrollment ON grade_change (enrollment_id, changed_at);
CREATE TRIGGER grade_change_kept BEFORE UPDATE OR DELETE ON grade_change
  FOR EACH ROW EXECUTE FUNCTION submission_is_kept();
