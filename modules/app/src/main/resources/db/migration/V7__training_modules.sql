-- The catalogue of training modules (Decision 4660/QĐ-BGDĐT), loaded from content/catalogue at start-up.
-- Rows are never deleted: cohorts and completions will refer to them.
CREATE TABLE training_module (
  code          VARCHAR(10)  PRIMARY KEY,
  audience      VARCHAR(10)  NOT NULL CHECK (audience IN ('TEACHER', 'MANAGER')),
  title         VARCHAR(300) NOT NULL,
  periods       INT          NOT NULL CHECK (periods > 0),
  prerequisites VARCHAR(200) NOT NULL DEFAULT '',
  updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
