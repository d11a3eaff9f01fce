-- Issue 7: certificates (giấy chứng nhận) for completed main enrollments.
-- One per enrollment, ever (UNIQUE enrollment_id): a batch run again, or two at once, never issues a second number.
-- What is certified is frozen at issue. object_key stays NULL until the PDF is stored, so a batch stopped midway
-- renders the rest when it runs again.
CREATE SEQUENCE certificate_serial;
CREATE TABLE certificate (
  id             BIGSERIAL    PRIMARY KEY,
  number         VARCHAR(40)  NOT NULL UNIQUE,
  enrollment_id  BIGINT       NOT NULL UNIQUE REFERENCES enrollment (id),
  full_name      VARCHAR(200) NOT NULL,
  module_code    VARCHAR(10)  NOT NULL,
  module_title   VARCHAR(300) NOT NULL,
  periods        INT          NOT NULL,
  from_date      DATE         NOT NULL,
  to_date        DATE         NOT NULL,
  issued_at      TIMESTAMPTZ  NOT NULL,
  object_key     VARCHAR(300),
  revoked_at     TIMESTAMPTZ,
  revoked_reason VARCHAR(500)
);
CREATE INDEX certificate_pending ON certificate (id) WHERE object_key IS NULL;
