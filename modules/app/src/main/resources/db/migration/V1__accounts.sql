-- Accounts and their role grants (DESIGN.md §2). Organisation units arrive with
-- the accounts import; a grant's scope is kept as type + id until then.
CREATE TABLE account (
  id                    BIGSERIAL PRIMARY KEY,
  username              VARCHAR(100) NOT NULL,
  email                 VARCHAR(254),
  full_name             VARCHAR(200) NOT NULL,
  password_hash         VARCHAR(100) NOT NULL,
  must_change_password  BOOLEAN      NOT NULL DEFAULT TRUE,
  enabled               BOOLEAN      NOT NULL DEFAULT TRUE,
  created_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
  password_changed_at   TIMESTAMPTZ
);
-- One account per login name, whatever the case.
CREATE UNIQUE INDEX account_username_key ON account (lower(username));
CREATE UNIQUE INDEX account_email_key ON account (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE role_grant (
  id          BIGSERIAL PRIMARY KEY,
  account_id  BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  role        VARCHAR(30) NOT NULL,
  scope_type  VARCHAR(20) NOT NULL,
  scope_id    BIGINT,
  granted_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT role_grant_unique UNIQUE NULLS NOT DISTINCT (account_id, role, scope_type, scope_id)
);
CREATE INDEX role_grant_account ON role_grant (account_id);
