-- Issue 16: the reporting context's read model, and the outbox through which
-- the owning contexts tell it what changed.
--
-- outbox_event is shared infrastructure (platform.events), written by the
-- owning context in the same transaction as the change it announces, one row
-- per subscribing consumer; a consumer claims its rows with
-- DELETE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING, so a
-- crash between commit and handling loses nothing and two nodes never handle
-- the same row.
CREATE TABLE outbox_event (
  id          BIGSERIAL    PRIMARY KEY,
  consumer    VARCHAR(30)  NOT NULL,
  topic       VARCHAR(40)  NOT NULL,
  subject_id  BIGINT       NOT NULL,
  created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX outbox_event_consumer ON outbox_event (consumer, id);

-- Everything below is owned and written by reporting only. It is a copy, kept
-- current from the outbox and rebuildable from the owners' query interfaces:
-- dropping its rows loses nothing (ReportRebuild recreates them).

-- Organisation units as reports group them (province = the department).
CREATE TABLE report_unit (
  id          BIGINT       PRIMARY KEY,
  kind        VARCHAR(20)  NOT NULL,
  code        VARCHAR(40)  NOT NULL,
  name        VARCHAR(200) NOT NULL,
  parent_id   BIGINT,
  province_id BIGINT,
  district_id BIGINT,
  active      BOOLEAN      NOT NULL DEFAULT TRUE
);
CREATE INDEX report_unit_parent ON report_unit (parent_id);

-- People as reports list them.
CREATE TABLE report_person (
  account_id    BIGINT       PRIMARY KEY,
  username      VARCHAR(100) NOT NULL,
  full_name     VARCHAR(200) NOT NULL,
  date_of_birth DATE,
  school_id     BIGINT,
  district_id   BIGINT,
  province_id   BIGINT,
  level         VARCHAR(20),
  position      VARCHAR(20),
  enabled       BOOLEAN      NOT NULL DEFAULT TRUE
);
CREATE INDEX report_person_school ON report_person (school_id);
CREATE INDEX report_person_district ON report_person (district_id);
CREATE INDEX report_person_province ON report_person (province_id);

-- Classes (cohorts) with what their labels and phases need.
CREATE TABLE report_cohort (
  cohort_id    BIGINT       PRIMARY KEY,
  run_id       BIGINT,
  run_name     VARCHAR(200),
  name         VARCHAR(200) NOT NULL,
  module_code  VARCHAR(10)  NOT NULL,
  module_title VARCHAR(300) NOT NULL,
  periods      INT          NOT NULL,
  start_date   DATE         NOT NULL,
  last_day     DATE         NOT NULL,
  school_year  VARCHAR(9)   NOT NULL
);
CREATE INDEX report_cohort_run ON report_cohort (run_id);
CREATE INDEX report_cohort_year ON report_cohort (school_year);

-- One row per enrollment: where the learner stands on the three criteria.
-- The learner's units are copied in so that every dashboard level is one
-- indexed scan of this table.
CREATE TABLE report_enrollment (
  enrollment_id         BIGINT       PRIMARY KEY,
  account_id            BIGINT       NOT NULL,
  cohort_id             BIGINT       NOT NULL,
  run_id                BIGINT,
  module_code           VARCHAR(10)  NOT NULL,
  school_year           VARCHAR(9)   NOT NULL,
  main                  BOOLEAN      NOT NULL,
  school_id             BIGINT,
  district_id           BIGINT,
  province_id           BIGINT,
  group_id              BIGINT,
  core_teacher_id       BIGINT,
  deadline              DATE         NOT NULL,
  started               BOOLEAN      NOT NULL DEFAULT FALSE,
  items_done            INT          NOT NULL DEFAULT 0,
  items_total           INT          NOT NULL DEFAULT 0,
  self_study_done       BOOLEAN      NOT NULL DEFAULT FALSE,
  submitted             BOOLEAN      NOT NULL DEFAULT FALSE,
  returned              BOOLEAN      NOT NULL DEFAULT FALSE,
  graded                BOOLEAN      NOT NULL DEFAULT FALSE,
  final_grade           NUMERIC(3,1),
  institution           VARCHAR(12),
  outcome               VARCHAR(14),
  missing               VARCHAR(200) NOT NULL DEFAULT '',
  survey_submitted      BOOLEAN      NOT NULL DEFAULT FALSE,
  survey_positive       INT          NOT NULL DEFAULT 0,
  survey_rated          INT          NOT NULL DEFAULT 0,
  exemption             VARCHAR(10),
  certificate_number    VARCHAR(40),
  certificate_issued_at TIMESTAMPTZ,
  certificate_revoked_at TIMESTAMPTZ,
  refreshed_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX report_enrollment_province ON report_enrollment (province_id, school_year);
CREATE INDEX report_enrollment_district ON report_enrollment (district_id, school_year);
CREATE INDEX report_enrollment_school ON report_enrollment (school_id, school_year);
CREATE INDEX report_enrollment_run ON report_enrollment (run_id, district_id);
CREATE INDEX report_enrollment_cohort ON report_enrollment (cohort_id);
CREATE INDEX report_enrollment_account ON report_enrollment (account_id);
CREATE INDEX report_enrollment_core_teacher ON report_enrollment (core_teacher_id) WHERE core_teacher_id IS NOT NULL;
