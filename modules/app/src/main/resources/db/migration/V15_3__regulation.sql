-- The regulation as versioned settings (DESIGN.md §4, issue 15): each version is a new row, never edited,
-- with who made it, when and why. A cohort keeps the version that was current when it opened.

CREATE TABLE regulation_version (
  number             INT          PRIMARY KEY CHECK (number >= 1),
  pass_mark          NUMERIC(3,1) NOT NULL CHECK (pass_mark BETWEEN 0 AND 10),
  quiz_pass_mark     NUMERIC(3,1) NOT NULL CHECK (quiz_pass_mark BETWEEN 0 AND 10),
  video_percent      INT          NOT NULL CHECK (video_percent BETWEEN 1 AND 100),
  periods_per_module INT          NOT NULL CHECK (periods_per_module BETWEEN 1 AND 200),
  modules_per_year   INT          NOT NULL CHECK (modules_per_year BETWEEN 1 AND 20),
  periods_per_year   INT          NOT NULL CHECK (periods_per_year BETWEEN 1 AND 1000),
  reason             VARCHAR(500) NOT NULL,
  created_by         BIGINT       REFERENCES account (id),
  created_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE FUNCTION regulation_version_is_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a regulation version is kept as made: % refused (make a new version)', TG_OP;
END $$;
CREATE TRIGGER regulation_version_no_update_delete BEFORE UPDATE OR DELETE ON regulation_version
  FOR EACH ROW EXECUTE FUNCTION regulation_version_is_kept();
CREATE TRIGGER regulation_version_no_truncate BEFORE TRUNCATE ON regulation_version
  FOR EACH STATEMENT EXECUTE FUNCTION regulation_version_is_kept();

-- Version 1: the figures the code held as constants until now (domain Regulation.DEFAULT).
INSERT INTO regulation_version (number, pass_mark, quiz_pass_mark, video_percent, periods_per_module, modules_per_year,
                                periods_per_year, reason)
VALUES (1, 5.0, 5.0, 90, 40, 3, 120, 'Quy định ban đầu: Thông tư 19/2019 và 17/2022 (đạt từ 5,0; 3 mô đun, 120 tiết mỗi năm học)');

-- Every cohort opened so far ran under version 1.
ALTER TABLE cohort ADD COLUMN regulation_version INT REFERENCES regulation_version (number);
UPDATE cohort SET regulation_version = 1;
ALTER TABLE cohort ALTER COLUMN regulation_version SET NOT NULL;

-- A cohort keeps its content version and its regulation version.
CREATE OR REPLACE FUNCTION cohort_version_is_pinned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.content_version_id <> OLD.content_version_id OR NEW.course_id <> OLD.course_id
     OR NEW.regulation_version <> OLD.regulation_version THEN
    RAISE EXCEPTION 'a cohort keeps the content and regulation versions it started with';
  END IF;
  IF (NEW.start_date, NEW.self_study_days, NEW.meeting_days, NEW.finishing_days, NEW.registration_days,
      NEW.reference_extra_days) IS DISTINCT FROM (OLD.start_date, OLD.self_study_days, OLD.meeting_days,
      OLD.finishing_days, OLD.registration_days, OLD.reference_extra_days) THEN
    RAISE EXCEPTION 'a cohort keeps the schedule it started with; extensions move deadlines';
  END IF;
  RETURN NEW;
END $$;
