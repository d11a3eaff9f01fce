-- Issue 17 part 4: peer support (Hỗ trợ đồng nghiệp, seed 001 section 8.3), owned by the community context.
-- A core teacher's or core manager's plan before a run and report after it: every version handed in is a row,
-- never overwritten (a resubmission after a return is the next version). The approver is decided when the version
-- is handed in (community's domain rule PeerSupportApprover) and kept with it: the authority and the unit whose
-- principal / district officers / department decide. A form's one-time key makes a double submit one version.
CREATE TABLE peer_support_version (
  id               BIGSERIAL    PRIMARY KEY,
  author_id        BIGINT       NOT NULL REFERENCES account (id),
  run_id           BIGINT       NOT NULL REFERENCES module_run (id),
  kind             VARCHAR(10)  NOT NULL CHECK (kind IN ('PLAN', 'REPORT')),
  version          INT          NOT NULL,
  upload_key       UUID         NOT NULL UNIQUE,
  submitted_at     TIMESTAMPTZ  NOT NULL,
  late             BOOLEAN      NOT NULL,
  file_name        VARCHAR(300) NOT NULL,
  content_type     VARCHAR(200) NOT NULL,
  size             BIGINT       NOT NULL,
  sha256           CHAR(64)     NOT NULL,
  object_key       VARCHAR(300) NOT NULL,
  colleague_ids    BIGINT[]     NOT NULL DEFAULT '{}',
  cluster_ids      BIGINT[]     NOT NULL DEFAULT '{}',
  -- Who decides: PRINCIPAL of school approver_unit_id, DISTRICT_OFFICE approver_unit_id, or the DEPARTMENT.
  approver         VARCHAR(20)  NOT NULL CHECK (approver IN ('PRINCIPAL', 'DISTRICT_OFFICE', 'DEPARTMENT')),
  approver_unit_id BIGINT,
  -- Where the author worked then, for the oversight scope (district NULL: under the department).
  school_id        BIGINT,
  district_id      BIGINT,
  state            VARCHAR(10)  NOT NULL DEFAULT 'SUBMITTED' CHECK (state IN ('SUBMITTED', 'APPROVED', 'RETURNED')),
  decided_by       BIGINT REFERENCES account (id),
  decided_at       TIMESTAMPTZ,
  comment          TEXT,
  UNIQUE (author_id, run_id, kind, version)
);
CREATE INDEX peer_support_queue ON peer_support_version (approver, approver_unit_id) WHERE state = 'SUBMITTED';
CREATE INDEX peer_support_run ON peer_support_version (run_id, kind);

-- Due dates per run, set by a supervisor or the IT team; without a row the defaults come from the run's classes.
CREATE TABLE peer_support_due (
  run_id      BIGINT      PRIMARY KEY REFERENCES module_run (id),
  plan_due    DATE,
  report_due  DATE,
  updated_by  BIGINT REFERENCES account (id),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
