-- Issue 17 part 3: professional meetings (sinh hoạt chuyên môn) in the meeting
-- days of a class (days 6–8, seed 001 §4), owned by the community context: one
-- meeting per group, scheduled and recorded by the group's core teacher, with
-- each learner's attendance, the minutes and evidence files.
CREATE TABLE professional_meeting (
  id           BIGSERIAL    PRIMARY KEY,
  cohort_id    BIGINT       NOT NULL REFERENCES cohort (id),
  group_id     BIGINT       NOT NULL UNIQUE REFERENCES cohort_group (id),
  level        VARCHAR(10)  NOT NULL CHECK (level IN ('SCHOOL', 'CLUSTER')),
  place        VARCHAR(300),
  link         VARCHAR(500) CHECK (link IS NULL OR link LIKE 'https://%'),
  starts_at    TIMESTAMPTZ  NOT NULL,
  -- Each change is a new version: learners are told once per version.
  version      INT          NOT NULL DEFAULT 1,
  -- The scheduling form's one-time key: a double-submit finds the meeting it made.
  form_key     UUID         NOT NULL UNIQUE,
  minutes      TEXT,
  recorded_at  TIMESTAMPTZ,
  recorded_by  BIGINT       REFERENCES account (id),
  scheduled_by BIGINT       NOT NULL REFERENCES account (id),
  created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
  updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
  CHECK (place IS NOT NULL OR link IS NOT NULL)
);
CREATE INDEX professional_meeting_cohort ON professional_meeting (cohort_id);

-- Each learner of the group: present or absent, with a note.
CREATE TABLE meeting_attendance (
  meeting_id    BIGINT       NOT NULL REFERENCES professional_meeting (id),
  enrollment_id BIGINT       NOT NULL REFERENCES enrollment (id),
  present       BOOLEAN      NOT NULL,
  note          VARCHAR(300) NOT NULL DEFAULT '',
  PRIMARY KEY (meeting_id, enrollment_id)
);
CREATE INDEX meeting_attendance_enrollment ON meeting_attendance (enrollment_id);

-- Evidence: photos, the shared lesson plan. Stored content-addressed, so the same file twice is one row.
CREATE TABLE meeting_file (
  id           BIGSERIAL    PRIMARY KEY,
  meeting_id   BIGINT       NOT NULL REFERENCES professional_meeting (id),
  name         VARCHAR(200) NOT NULL,
  content_type VARCHAR(100) NOT NULL,
  size         BIGINT       NOT NULL,
  sha256       CHAR(64)     NOT NULL,
  object_key   VARCHAR(200) NOT NULL,
  uploaded_by  BIGINT       NOT NULL REFERENCES account (id),
  uploaded_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, sha256)
);

-- Owned by cohorts: whether attendance at the meeting counts toward completion (off by default, as in the seeds).
ALTER TABLE module_run ADD COLUMN meeting_attendance_counts BOOLEAN NOT NULL DEFAULT FALSE;

-- Owned by reporting: the learner's attendance (NULL: not recorded).
ALTER TABLE report_enrollment ADD COLUMN meeting_attended BOOLEAN;
