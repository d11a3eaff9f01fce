-- Issue 14, item 6a: the e-mailed receipt of a submission, as an outbox owned by assignments.
--
-- The row is written in the same transaction as the submission version, so a receipt is never lost:
-- not when the mail server is down, not across a restart. SubmissionReceipts sends it at once after the
-- commit and, while the mail server refuses, a job on every node retries with a growing delay, each row
-- claimed with FOR UPDATE SKIP LOCKED (one node sends a given receipt; SENT is final). The page reads the
-- state here, so it says "e-mailed" only once the mail server has accepted the mail.
CREATE TABLE submission_receipt (
  submission_id   BIGINT       PRIMARY KEY REFERENCES submission (id),
  -- Whom the receipt goes to, as the cohorts context names them (read back through Cohorts.enrollment).
  cohort_id       BIGINT       NOT NULL,
  account_id      BIGINT       NOT NULL,
  state           VARCHAR(10)  NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'NO_EMAIL')),
  attempts        INT          NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TIMESTAMPTZ  NOT NULL,
  sent_at         TIMESTAMPTZ,
  last_error      VARCHAR(500)
);
CREATE INDEX submission_receipt_due ON submission_receipt (next_attempt_at) WHERE state = 'PENDING';
