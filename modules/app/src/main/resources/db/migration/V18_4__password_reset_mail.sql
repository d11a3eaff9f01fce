-- Issue 18 item 4: a password reset asked for is queued here before the answer, so a crash between answering and
-- sending, or a mail server that is down, loses no mail. One row per request the throttle admitted, whether or not
-- an account has the address (the request does the same work either way). A job on every node claims a row with
-- FOR UPDATE SKIP LOCKED, makes the link's token, sends and deletes the row in one transaction: each request is
-- mailed once whatever the nodes; a row without an enabled account, or older than a day, is deleted unsent.
CREATE TABLE password_reset_mail (
  id              BIGSERIAL    PRIMARY KEY,
  email           VARCHAR(254) NOT NULL,
  requested_at    TIMESTAMPTZ  NOT NULL,
  next_attempt_at TIMESTAMPTZ  NOT NULL,
  attempts        INT          NOT NULL DEFAULT 0,
  last_error      VARCHAR(500)
);
CREATE INDEX password_reset_mail_due ON password_reset_mail (next_attempt_at);
