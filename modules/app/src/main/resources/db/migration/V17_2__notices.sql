-- Issue 17 part 2: the notification centre's e-mail, the per-kind e-mail settings and announcements (community).
-- A notice whose kind is e-mailed (domain community.NoticeMail) is written with mail_state PENDING; the mail job
-- claims due rows with FOR UPDATE SKIP LOCKED and marks them SENT (or OFF: the person turned the kind off; NO_EMAIL:
-- no address), so any number of nodes e-mail each notice at most once.
ALTER TABLE notification
  ADD COLUMN mail_state    VARCHAR(10),
  ADD COLUMN mail_attempts INT          NOT NULL DEFAULT 0,
  ADD COLUMN mail_next_at  TIMESTAMPTZ,
  ADD COLUMN mail_error    VARCHAR(500);
CREATE INDEX notification_mail_due ON notification (mail_next_at) WHERE mail_state = 'PENDING';

-- The kinds a person turned e-mail off for (a row means off; none means every e-mailed kind is on).
CREATE TABLE notice_mail_off (
  account_id BIGINT      NOT NULL REFERENCES account (id),
  kind       VARCHAR(30) NOT NULL,
  PRIMARY KEY (account_id, kind)
);

-- An announcement is one row when posted; its recipients' notices are written by a job from the outbox
-- (topic "announcement"), in batches, once, whatever the number of nodes (dedup key announcement:<id>).
CREATE TABLE announcement (
  id            BIGSERIAL    PRIMARY KEY,
  sender_id     BIGINT       NOT NULL REFERENCES account (id),
  audience_type VARCHAR(10)  NOT NULL CHECK (audience_type IN ('CLASS', 'RUN', 'SCHOOL', 'DISTRICT', 'PROVINCE')),
  audience_id   BIGINT,
  audience_name VARCHAR(300) NOT NULL,
  title         VARCHAR(200) NOT NULL,
  body          TEXT         NOT NULL,
  created_at    TIMESTAMPTZ  NOT NULL,
  recipients    INT,
  delivered_at  TIMESTAMPTZ
);
CREATE INDEX announcement_sender ON announcement (sender_id, id DESC);
