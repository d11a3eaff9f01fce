-- Issue 20 item 6: foreign keys that pages and checks look up by, with no index until now.
-- A lecturer's cohorts (the lecturer's pages and scope checks) read cohort by lecturer_id.
CREATE INDEX cohort_lecturer ON cohort (lecturer_id);
-- An assistant's cohorts: the primary key (cohort_id, account_id) serves only lookups by cohort.
CREATE INDEX cohort_assistant_account ON cohort_assistant (account_id);
-- A submission's grade history (and the foreign key's check when a submission row is referenced).
CREATE INDEX grade_change_submission ON grade_change (submission_id, changed_at);
