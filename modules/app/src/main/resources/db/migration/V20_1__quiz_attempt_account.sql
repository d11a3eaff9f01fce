-- Issue 20 item 1: each context owns its tables.
-- An attempt keeps its learner's account id, copied from cohorts' enrollment when it starts (an enrollment's
-- learner never changes), so the guarded statements of answer save, submit and attempt read check the owner on
-- quiz_attempt alone instead of joining cohorts' enrollment: still one statement per answer saved. They find the
-- attempt by its id, so the column needs no index; enrollment_id keeps the attempt tied to its enrollment.
ALTER TABLE quiz_attempt ADD COLUMN account_id BIGINT;
UPDATE quiz_attempt a SET account_id = e.account_id FROM enrollment e WHERE e.id = a.enrollment_id;
ALTER TABLE quiz_attempt ALTER COLUMN account_id SET NOT NULL;
