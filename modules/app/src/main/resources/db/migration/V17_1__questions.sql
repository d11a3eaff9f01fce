-- Issue 17 part 1: questions and answers per class, and each module's FAQ; owned by community.questions.
-- A question is kept with its class; form_key is the one-time key of the form that sent it, unique per
-- asker, so a double-sent or retried form is the same question. district_id is the asker's district office
-- when asked: its officers (with the department's supervisors) answer what is escalated as REGULATION.
CREATE TABLE question (
  id              BIGSERIAL    PRIMARY KEY,
  cohort_id       BIGINT       NOT NULL REFERENCES cohort (id),
  group_id        BIGINT,
  asker_id        BIGINT       NOT NULL REFERENCES account (id),
  district_id     BIGINT,
  form_key        UUID         NOT NULL,
  body            TEXT         NOT NULL,
  file_name       VARCHAR(255),
  file_type       VARCHAR(120),
  file_size       BIGINT,
  file_key        VARCHAR(300),
  state           VARCHAR(20)  NOT NULL DEFAULT 'WAITING',
  asked_at        TIMESTAMPTZ  NOT NULL,
  escalated_to    VARCHAR(20),
  escalation_note TEXT,
  escalated_by    BIGINT       REFERENCES account (id),
  escalated_at    TIMESTAMPTZ,
  answer          TEXT,
  answered_by     BIGINT       REFERENCES account (id),
  answered_at     TIMESTAMPTZ,
  merged_into     BIGINT       REFERENCES question (id),
  merged_faq      BIGINT,
  UNIQUE (asker_id, form_key)
);
CREATE INDEX question_cohort ON question (cohort_id, id DESC);
CREATE INDEX question_escalated ON question (escalated_to, escalated_at) WHERE state = 'ESCALATED';
CREATE INDEX question_merged ON question (merged_into) WHERE merged_into IS NOT NULL;

-- A good answer published for every class of the module; search_text is the question and answer
-- lower-cased without diacritics (domain.community.SearchText), with a leading space, matched word by word.
CREATE TABLE faq_entry (
  id            BIGSERIAL    PRIMARY KEY,
  module_code   VARCHAR(30)  NOT NULL,
  question_id   BIGINT       UNIQUE REFERENCES question (id),
  question_text TEXT         NOT NULL,
  answer_text   TEXT         NOT NULL,
  search_text   TEXT         NOT NULL,
  published_by  BIGINT       NOT NULL REFERENCES account (id),
  published_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX faq_entry_module ON faq_entry (module_code, id DESC);
ALTER TABLE question ADD CONSTRAINT question_merged_faq FOREIGN KEY (merged_faq) REFERENCES faq_entry (id);
