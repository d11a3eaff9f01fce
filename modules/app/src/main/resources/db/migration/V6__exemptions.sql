-- Miễn (EXEMPT: retiring this school year) / giảm (REDUCED: long illness, maternity), per school year.
CREATE TABLE exemption (
  id          BIGSERIAL PRIMARY KEY,
  account_id  BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  school_year VARCHAR(9)   NOT NULL,
  kind        VARCHAR(10)  NOT NULL CHECK (kind IN ('EXEMPT', 'REDUCED')),
  reason      VARCHAR(500) NOT NULL,
  set_by      BIGINT REFERENCES account (id),
  set_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
  CONSTRAINT exemption_one_per_year UNIQUE (account_id, school_year)
);
