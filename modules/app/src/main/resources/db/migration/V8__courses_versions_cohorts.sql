-- Courses (module × level × subject), their editable draft, frozen published versions,
-- and the first cut of cohorts and enrollments, which pin the version they started with.

CREATE TABLE course (
  id           BIGSERIAL    PRIMARY KEY,
  module_code  VARCHAR(10)  NOT NULL REFERENCES training_module (code),
  level        VARCHAR(20)  NOT NULL CHECK (level IN ('ALL', 'PRIMARY', 'LOWER_SECONDARY', 'UPPER_SECONDARY')),
  subject      VARCHAR(100) NOT NULL,
  title        VARCHAR(300) NOT NULL,
  -- The lecturer who edits it; NULL for a course kept as files under content/courses.
  owner_id     BIGINT       REFERENCES account (id),
  -- content/courses/<source_dir> for courses loaded from files, with the hash of what was loaded last.
  source_dir   VARCHAR(200) UNIQUE,
  source_hash  CHAR(64),
  -- The draft as a document (domain CourseContent), edited under optimistic locking by revision.
  draft        JSONB        NOT NULL,
  revision     INT          NOT NULL DEFAULT 0,
  created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
  updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX course_owner ON course (owner_id);

-- Media files of a course, stored once under their SHA-256 (bucket media, key courses/<course>/<sha>).
-- Never deleted: a published version may name them.
CREATE TABLE course_media (
  course_id    BIGINT       NOT NULL REFERENCES course (id),
  sha256       CHAR(64)     NOT NULL,
  content_type VARCHAR(100) NOT NULL,
  size         BIGINT       NOT NULL,
  name         VARCHAR(300) NOT NULL,
  created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
  PRIMARY KEY (course_id, sha256)
);

-- A published version: the content exactly as learners of the cohorts that pin it see it.
CREATE TABLE content_version (
  id           BIGSERIAL    PRIMARY KEY,
  course_id    BIGINT       NOT NULL REFERENCES course (id),
  number       INT          NOT NULL,
  content      JSONB        NOT NULL,
  published_by BIGINT       REFERENCES account (id),
  published_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
  UNIQUE (course_id, number)
);

CREATE FUNCTION content_version_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'content_version is immutable: % refused', TG_OP;
END $$;
CREATE TRIGGER content_version_no_update_delete BEFORE UPDATE OR DELETE ON content_version
  FOR EACH ROW EXECUTE FUNCTION content_version_is_immutable();
CREATE TRIGGER content_version_no_truncate BEFORE TRUNCATE ON content_version
  FOR EACH STATEMENT EXECUTE FUNCTION content_version_is_immutable();

CREATE TABLE cohort (
  id                 BIGSERIAL    PRIMARY KEY,
  course_id          BIGINT       NOT NULL REFERENCES course (id),
  content_version_id BIGINT       NOT NULL REFERENCES content_version (id),
  name               VARCHAR(200) NOT NULL,
  start_date         DATE         NOT NULL,
  created_by         BIGINT       REFERENCES account (id),
  created_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX cohort_course ON cohort (course_id);

-- A cohort's version is pinned when it is opened and never changes.
CREATE FUNCTION cohort_version_is_pinned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.content_version_id <> OLD.content_version_id OR NEW.course_id <> OLD.course_id THEN
    RAISE EXCEPTION 'a cohort keeps the content version it started with';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cohort_pinned BEFORE UPDATE ON cohort FOR EACH ROW EXECUTE FUNCTION cohort_version_is_pinned();

CREATE TABLE enrollment (
  id         BIGSERIAL   PRIMARY KEY,
  cohort_id  BIGINT      NOT NULL REFERENCES cohort (id),
  account_id BIGINT      NOT NULL REFERENCES account (id),
  kind       VARCHAR(10) NOT NULL CHECK (kind IN ('MAIN', 'REFERENCE')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (cohort_id, account_id)
);
CREATE INDEX enrollment_account ON enrollment (account_id);
