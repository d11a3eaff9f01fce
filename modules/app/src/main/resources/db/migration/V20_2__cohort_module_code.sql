-- Issue 20 item 1: each context owns its tables.
-- A class keeps the module code of its course, copied when it opens as its content version is (a class never
-- changes course), so cohorts' statements that need the module (a second class of one module refused at import,
-- the completions a class records) read their own table instead of joining catalog's course.
ALTER TABLE cohort ADD COLUMN module_code VARCHAR(10) REFERENCES training_module (code);
UPDATE cohort h SET module_code = c.module_code FROM course c WHERE c.id = h.course_id;
ALTER TABLE cohort ALTER COLUMN module_code SET NOT NULL;
