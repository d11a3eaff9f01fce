-- Issue 17: the notification centre's store, owned by the community context.
-- Every notice a person gets in the app (answers to their questions, grades,
-- returns for revision, certificates, reminders, announcements, meetings,
-- peer-support decisions) is one row here. A notice is created at most once per
-- person and occasion: the writer names the occasion in dedup_key and inserts
-- with ON CONFLICT DO NOTHING, so a retry, a second node or a replayed event
-- never shows it twice.
CREATE TABLE notification (
  id          BIGSERIAL    PRIMARY KEY,
  account_id  BIGINT       NOT NULL REFERENCES account (id),
  kind        VARCHAR(30)  NOT NULL,
  message_key VARCHAR(100) NOT NULL,
  args        JSONB        NOT NULL DEFAULT '[]',
  link        VARCHAR(300),
  dedup_key   VARCHAR(200) NOT NULL,
  created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
  read_at     TIMESTAMPTZ,
  UNIQUE (account_id, dedup_key)
);
CREATE INDEX notification_recent ON notification (account_id, id DESC);
CREATE INDEX notification_unread ON notification (account_id) WHERE read_at IS NULL;
