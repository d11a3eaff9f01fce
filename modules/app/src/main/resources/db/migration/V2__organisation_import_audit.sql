-- The organisation tree (DESIGN.md §3): department → district offices → schools,
-- and clusters (cụm trường) grouping schools. Codes are what schools write in
-- their lists, unique whatever the case.
CREATE TABLE org_unit (
  id          BIGSERIAL PRIMARY KEY,
  kind        VARCHAR(20)  NOT NULL CHECK (kind IN ('DEPARTMENT', 'DISTRICT_OFFICE', 'SCHOOL', 'CLUSTER')),
  code        VARCHAR(40)  NOT NULL,
  name        VARCHAR(200) NOT NULL,
  parent_id   BIGINT REFERENCES org_unit (id),
  cluster_id  BIGINT REFERENCES org_unit (id),
  levels      VARCHAR(60)  NOT NULL DEFAULT '',
  school_type VARCHAR(20),
  active      BOOLEAN      NOT NULL DEFAULT TRUE,
  created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX org_unit_code_key ON org_unit (lower(code));
CREATE INDEX org_unit_parent ON org_unit (parent_id);
CREATE UNIQUE INDEX org_unit_one_department ON org_unit (kind) WHERE kind = 'DEPARTMENT';

-- Imported accounts have no usable password until a credential sheet issues one.
ALTER TABLE account
  ALTER COLUMN password_hash DROP NOT NULL,
  ADD COLUMN date_of_birth       DATE,
  ADD COLUMN phone               VARCHAR(20),
  ADD COLUMN school_id           BIGINT REFERENCES org_unit (id),
  ADD COLUMN level               VARCHAR(20),
  ADD COLUMN position            VARCHAR(20),
  ADD COLUMN main_subject        VARCHAR(200),
  ADD COLUMN other_subjects      VARCHAR(600),
  ADD COLUMN password_expires_at TIMESTAMPTZ,
  ADD COLUMN activated_at        TIMESTAMPTZ,
  ADD COLUMN updated_at          TIMESTAMPTZ NOT NULL DEFAULT now();
-- E-mail addresses are stored normalised (lower case), so a plain unique index matches them.
DROP INDEX account_email_key;
CREATE UNIQUE INDEX account_email_key ON account (email);
CREATE INDEX account_school ON account (school_id);

-- Who did what, when (RELIABILITY.md E3): append-only, enforced by the database.
CREATE TABLE audit_event (
  id          BIGSERIAL PRIMARY KEY,
  at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
  actor_id    BIGINT,
  actor_name  VARCHAR(100),
  action      VARCHAR(60)  NOT NULL,
  target_type VARCHAR(40),
  target_id   BIGINT,
  details     JSONB        NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_at ON audit_event (at DESC);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
