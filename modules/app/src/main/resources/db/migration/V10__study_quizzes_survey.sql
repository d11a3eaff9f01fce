-- Issue 6: lecture study, lesson quiz attempts with every answer saved as it is
-- given, and the final survey.

-- How far a learner got with a lecture: for a video the seconds actually
-- played (one bit per second) and where they stopped; for text and PDF only
-- done_at, set once they reached the end.
CREATE TABLE lecture_progress (
  enrollment_id BIGINT      NOT NULL REFERENCES enrollment (id),
  lecture_id    VARCHAR(20) NOT NULL,
  duration_s    INTEGER,
  watched       BYTEA,
  position_s    INTEGER     NOT NULL DEFAULT 0,
  done_at       TIMESTAMPTZ,
  updated_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (enrollment_id, lecture_id)
);

-- One attempt at a lecture's quiz. The paper (questions and choice orders) is
-- drawn when it starts and kept, so a reload shows the same paper. closes_at is
-- the time limit or the study deadline, whichever is first; answers saved at or
-- after it are refused by the database statement itself.
CREATE TABLE quiz_attempt (
  id            BIGSERIAL    PRIMARY KEY,
  enrollment_id BIGINT       NOT NULL REFERENCES enrollment (id),
  lecture_id    VARCHAR(20)  NOT NULL,
  number        INTEGER      NOT NULL,
  paper         JSONB        NOT NULL,
  question_ids  VARCHAR(20)[] NOT NULL,
  started_at    TIMESTAMPTZ  NOT NULL,
  closes_at     TIMESTAMPTZ,
  state         VARCHAR(10)  NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'FINISHED')),
  finished_at   TIMESTAMPTZ,
  closed_by     VARCHAR(10)  CHECK (closed_by IN ('LEARNER', 'TIME')),
  score         NUMERIC(3, 1) CHECK (score BETWEEN 0 AND 10),
  UNIQUE (enrollment_id, lecture_id, number),
  CHECK ((state = 'OPEN') = (finished_at IS NULL)),
  CHECK ((state = 'OPEN') = (score IS NULL))
);
-- At most one open attempt per quiz: a double click on "start" resumes it.
CREATE UNIQUE INDEX quiz_attempt_one_open ON quiz_attempt (enrollment_id, lecture_id) WHERE state = 'OPEN';
-- The closing job looks for open attempts past their time.
CREATE INDEX quiz_attempt_closing ON quiz_attempt (closes_at) WHERE state = 'OPEN';

CREATE TABLE attempt_answer (
  attempt_id  BIGINT      NOT NULL REFERENCES quiz_attempt (id),
  question_id VARCHAR(20) NOT NULL,
  chosen      SMALLINT[]  NOT NULL,
  saved_at    TIMESTAMPTZ NOT NULL,
  -- When the learner gave this answer, by the page (ms): an older answer arriving late never replaces a newer one.
  seq         BIGINT      NOT NULL DEFAULT 0,
  PRIMARY KEY (attempt_id, question_id)
);

-- The final survey: answers saved as given, then submitted once.
CREATE TABLE survey_answer (
  enrollment_id BIGINT      NOT NULL REFERENCES enrollment (id),
  question_id   VARCHAR(20) NOT NULL,
  chosen        SMALLINT    NOT NULL,
  positive      BOOLEAN,
  saved_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (enrollment_id, question_id)
);

CREATE TABLE survey_submission (
  enrollment_id BIGINT      PRIMARY KEY REFERENCES enrollment (id),
  submitted_at  TIMESTAMPTZ NOT NULL
);
