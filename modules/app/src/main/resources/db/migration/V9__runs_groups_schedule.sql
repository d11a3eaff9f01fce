-- Issue 5: a module run (many cohorts of one module, opened from one file), each
-- cohort's schedule template and staff, groups by cluster with a core teacher,
-- enrollment registration, extensions, completions recorded before BDTX, and
-- reminders sent (each exactly once).

CREATE TABLE module_run (
  id          BIGSERIAL    PRIMARY KEY,
  module_code VARCHAR(10)  NOT NULL REFERENCES training_module (code),
  name        VARCHAR(200) NOT NULL,
  created_by  BIGINT       REFERENCES account (id),
  created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

ALTER TABLE cohort
  ADD COLUMN run_id               BIGINT REFERENCES module_run (id),
  ADD COLUMN self_study_days      INT NOT NULL DEFAULT 5,
  ADD COLUMN meeting_days         INT NOT NULL DEFAULT 3,
  ADD COLUMN finishing_days       INT NOT NULL DEFAULT 7,
  ADD COLUMN registration_days    INT NOT NULL DEFAULT 2,
  ADD COLUMN reference_extra_days INT NOT NULL DEFAULT 15,
  ADD COLUMN lecturer_id          BIGINT REFERENCES account (id);
CREATE INDEX cohort_run ON cohort (run_id);

-- A cohort's schedule is fixed once it is open, like its content version.
CREATE OR REPLACE FUNCTION cohort_version_is_pinned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.content_version_id <> OLD.content_version_id OR NEW.course_id <> OLD.course_id THEN
    RAISE EXCEPTION 'a cohort keeps the content version it started with';
  END IF;
  IF (NEW.start_date, NEW.self_study_days, NEW.meeting_days, NEW.finishing_days, NEW.registration_days,
      NEW.reference_extra_days) IS DISTINCT FROM (OLD.start_date, OLD.self_study_days, OLD.meeting_days,
      OLD.finishing_days, OLD.registration_days, OLD.reference_extra_days) THEN
    RAISE EXCEPTION 'a cohort keeps the schedule it started with; extensions move deadlines';
  END IF;
  RETURN NEW;
END $$;

CREATE TABLE cohort_assistant (
  cohort_id  BIGINT NOT NULL REFERENCES cohort (id),
  account_id BIGINT NOT NULL REFERENCES account (id),
  PRIMARY KEY (cohort_id, account_id)
);

-- The learners of one cohort from one cluster (cluster_id NULL: schools outside any cluster), led by a core teacher.
CREATE TABLE cohort_group (
  id              BIGSERIAL PRIMARY KEY,
  cohort_id       BIGINT NOT NULL REFERENCES cohort (id),
  cluster_id      BIGINT REFERENCES org_unit (id),
  core_teacher_id BIGINT REFERENCES account (id),
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX cohort_group_cluster ON cohort_group (cohort_id, COALESCE(cluster_id, 0));
CREATE INDEX cohort_group_core_teacher ON cohort_group (core_teacher_id);

ALTER TABLE enrollment
  ADD COLUMN group_id      BIGINT REFERENCES cohort_group (id),
  -- When the learner confirmed their main subject (NULL: not yet; the kind is what the file said).
  ADD COLUMN registered_at TIMESTAMPTZ;
CREATE INDEX enrollment_group ON enrollment (group_id);

-- A later deadline for named enrollments (a person, or a group such as exam graders), always with a reason.
CREATE TABLE extension (
  id         BIGSERIAL    PRIMARY KEY,
  cohort_id  BIGINT       NOT NULL REFERENCES cohort (id),
  last_day   DATE         NOT NULL,
  reason     VARCHAR(500) NOT NULL CHECK (length(trim(reason)) > 0),
  granted_by BIGINT       REFERENCES account (id),
  granted_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE TABLE extension_member (
  extension_id  BIGINT NOT NULL REFERENCES extension (id),
  enrollment_id BIGINT NOT NULL REFERENCES enrollment (id),
  PRIMARY KEY (extension_id, enrollment_id)
);
CREATE INDEX extension_member_enrollment ON extension_member (enrollment_id);

-- Modules a person has completed: through BDTX later, or recorded from before BDTX (a run file vouches for them).
CREATE TABLE module_completion (
  account_id  BIGINT      NOT NULL REFERENCES account (id),
  module_code VARCHAR(10) NOT NULL REFERENCES training_module (code),
  source      VARCHAR(10) NOT NULL CHECK (source IN ('BDTX', 'RECORDED')),
  recorded_by BIGINT      REFERENCES account (id),
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, module_code)
);

-- Reminders sent: one row per (kind, enrollment, occasion), so a reminder is never sent twice.
CREATE TABLE reminder (
  id            BIGSERIAL    PRIMARY KEY,
  kind          VARCHAR(40)  NOT NULL,
  enrollment_id BIGINT       NOT NULL REFERENCES enrollment (id),
  occasion      DATE         NOT NULL,
  message       VARCHAR(500) NOT NULL,
  emailed       BOOLEAN      NOT NULL DEFAULT FALSE,
  read_at       TIMESTAMPTZ,
  created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
  UNIQUE (kind, enrollment_id, occasion)
);
CREATE INDEX reminder_enrollment ON reminder (enrollment_id);
