-- Single-use password-reset links: only a SHA-256 of the token is kept.
CREATE TABLE password_reset (
  token_hash  CHAR(64)    PRIMARY KEY,
  account_id  BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at  TIMESTAMPTZ NOT NULL,
  used_at     TIMESTAMPTZ
);
CREATE INDEX password_reset_account ON password_reset (account_id);
