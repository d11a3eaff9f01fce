-- A wrong e-mail or school is reported to the department, which corrects it
-- (seed 001): the learner asks, the IT admin approves or rejects.
CREATE TABLE change_request (
  id             BIGSERIAL PRIMARY KEY,
  account_id     BIGINT       NOT NULL REFERENCES account (id),
  kind           VARCHAR(10)  NOT NULL CHECK (kind IN ('EMAIL', 'SCHOOL')),
  new_email      VARCHAR(254),
  new_school_id  BIGINT REFERENCES org_unit (id),
  reason         VARCHAR(500) NOT NULL,
  status         VARCHAR(10)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
  created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
  decided_by     BIGINT REFERENCES account (id),
  decided_at     TIMESTAMPTZ,
  decision_note  VARCHAR(500)
);
-- At most one open request of each kind per person.
CREATE UNIQUE INDEX change_request_one_pending ON change_request (account_id, kind) WHERE status = 'PENDING';
